package io.quern.examples.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortValidatorTest {
    @TempDir Path tmp;
    private final List<String> records = new ArrayList<>();
    private Path in;
    private Path out;

    @BeforeEach
    void generate() throws IOException {
        char[] c = new char[SortRecord.LINE_LENGTH];
        for (int row = 0; row < 300; row++) {
            SortRecord.generate(1, row, c);
            records.add(new String(c));
        }
        in = Files.createDirectories(tmp.resolve("in"));
        write(in.resolve("a"), records.subList(0, 150));
        write(in.resolve("b"), records.subList(150, 300));
        Files.writeString(in.resolve("_ignored"), "not input");
        out = Files.createDirectories(tmp.resolve("out"));
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"), StandardCharsets.US_ASCII);
    }

    private List<String> sorted() {
        return records.stream().sorted().toList();
    }

    private SortValidator.Verdict validate() throws IOException {
        return SortValidator.validate(SortValidator.files(in), SortValidator.files(out));
    }

    @Test
    void sortedOutputInPartFiles_isValid() throws IOException {
        List<String> s = sorted();
        write(out.resolve("part-r-00000"), s.subList(0, 100));
        write(out.resolve("part-r-00001"), List.of());
        write(out.resolve("part-r-00002"), s.subList(100, 300));
        Files.writeString(out.resolve("_SUCCESS"), "");

        SortValidator.Verdict v = validate();
        assertThat(v.reason()).isNull();
        assertThat(v.valid()).isTrue();
        assertThat(v.records()).isEqualTo(300);
        assertThat(v.checksum()).isEqualTo(SortValidator.digest(SortValidator.files(in)).checksum());
    }

    @Test
    void partFilesOutOfOrder_areInvalid_namingTheFileAndLine() throws IOException {
        List<String> s = sorted();
        write(out.resolve("part-r-00000"), s.subList(150, 300));
        write(out.resolve("part-r-00001"), s.subList(0, 150));
        assertThat(validate().reason()).startsWith("part-r-00001 line 1: key '" + s.get(0).substring(0, 10)
                + "' is smaller than the key before it");
    }

    @Test
    void twoRecordsSwappedWithinAFile_areInvalid() throws IOException {
        List<String> s = new ArrayList<>(sorted());
        String third = s.get(2);
        s.set(2, s.get(3));
        s.set(3, third);
        write(out.resolve("part-r-00000"), s);
        assertThat(validate().reason()).startsWith("part-r-00000 line 4: key");
    }

    @Test
    void aLostRecord_orAChangedOne_isInvalid() throws IOException {
        List<String> s = new ArrayList<>(sorted());
        write(out.resolve("part-r-00000"), s.subList(1, 300));
        assertThat(validate().reason()).isEqualTo("the output holds 299 records, the input 300");

        String changed = s.get(5).substring(0, 50) + (s.get(5).charAt(50) == 'Q' ? 'R' : 'Q') + s.get(5).substring(51);
        s.set(5, changed);
        write(out.resolve("part-r-00000"), s);
        assertThat(validate().reason()).startsWith("the output's records differ from the input's: checksum");
    }

    @Test
    void aLineThatIsNotARecord_inTheOutput_isInvalid_butInTheInputIsLeftOut() throws IOException {
        write(in.resolve("c"), List.of("garbage", ""));
        write(out.resolve("part-r-00000"), sorted());
        SortValidator.Verdict v = validate();
        assertThat(v.valid()).isTrue();
        assertThat(v.malformedInput()).isEqualTo(2);

        write(out.resolve("part-r-00001"), List.of("garbage"));
        assertThat(validate().reason()).isEqualTo("part-r-00001 line 1: not a 100-byte record");
    }

    @Test
    void crlfLineEnds_areReadAsTheEngineReadsThem() throws IOException {
        Files.writeString(in.resolve("a"), String.join("\r\n", records.subList(0, 150)) + "\r\n");
        write(out.resolve("part-r-00000"), sorted());
        assertThat(validate().valid()).isTrue();
    }
}
