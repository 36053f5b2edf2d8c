package io.quern.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.api.Mapper;
import io.quern.common.job.FileRange;
import io.quern.common.job.InputFormat;
import io.quern.common.job.JobSpec;
import io.quern.examples.grep.GrepMapper;
import io.quern.examples.logstats.LogStatsMapper;
import io.quern.examples.wordcount.SumReducer;
import io.quern.examples.wordcount.WordCountMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admission of built-in jobs, and of user jobs whose classes are compiled here against the
 * quern-api jar and uploaded as a real jar, as a job author's would be.
 */
class JobAdmissionTest {
    private static final String SUPPORTED = " (supported: String, Long, Integer, Double, byte[])";

    /** The user classes, all in package {@code com.acme}: simple name to the body after the package line. */
    private static final Map<String, String> SOURCES = new LinkedHashMap<>();

    static {
        String imports = "import io.quern.api.*;\n";
        String tokens = " implements Mapper<Long, String, String, Long> {\n"
                + "    public void map(Long k, String v, Emitter<String, Long> out) {}\n";
        SOURCES.put("Tokens", imports + "public class Tokens" + tokens + "}\n");
        SOURCES.put("Sum", imports + "public class Sum implements Reducer<String, Long, String, Long> {\n"
                + "    public void reduce(String k, Iterable<Long> vs, Emitter<String, Long> out) {}\n}\n");
        SOURCES.put("ByFirstLetter", imports + "public class ByFirstLetter implements Partitioner<String> {\n"
                + "    public int partition(String k, int n) { return k.isEmpty() ? 0 : k.charAt(0) % n; }\n}\n");
        SOURCES.put("PathMapper", imports
                + "public class PathMapper implements Mapper<String, String, String, Long> {\n"
                + "    public void map(String path, String content, Emitter<String, Long> out) {}\n}\n");
        SOURCES.put("NotAMapper", "public class NotAMapper {\n}\n");
        SOURCES.put("NeedsArgument", imports + "public class NeedsArgument" + tokens
                + "    public NeedsArgument(String config) {}\n}\n");
        SOURCES.put("PrivateConstructor", imports + "public class PrivateConstructor" + tokens
                + "    private PrivateConstructor() {}\n}\n");
        SOURCES.put("ThrowingConstructor", imports + "public class ThrowingConstructor" + tokens
                + "    public ThrowingConstructor() {\n"
                + "        throw new IllegalStateException(\"no config\\nsecond line\");\n    }\n}\n");
        SOURCES.put("FailingStaticInit", imports + "public class FailingStaticInit" + tokens
                + "    static final int X = Integer.parseInt(\"not a number\");\n}\n");
        SOURCES.put("AbstractMapper", imports + "public abstract class AbstractMapper" + tokens + "}\n");
        SOURCES.put("HiddenMapper", imports + "class HiddenMapper" + tokens + "}\n");
        SOURCES.put("Outer", imports + "public class Outer {\n    public class Inner" + tokens + "    }\n}\n");
        SOURCES.put("Gone", "public class Gone {\n}\n");
        SOURCES.put("Orphan", imports + "public class Orphan extends Gone" + tokens + "}\n");
        SOURCES.put("ShortKeys", imports + "public class ShortKeys implements Mapper<Long, String, Short, Long> {\n"
                + "    public void map(Long k, String v, Emitter<Short, Long> out) {}\n}\n");
        SOURCES.put("ObjectValues", imports
                + "public class ObjectValues implements Reducer<String, Long, String, Object> {\n"
                + "    public void reduce(String k, Iterable<Long> vs, Emitter<String, Object> out) {}\n}\n");
        SOURCES.put("ListKeys", imports + "public class ListKeys implements Mapper<Long, String, java.util.List<String>, Long> {\n"
                + "    public void map(Long k, String v, Emitter<java.util.List<String>, Long> out) {}\n}\n");
        SOURCES.put("IntSum", imports + "public class IntSum implements Reducer<Integer, Long, Integer, Long> {\n"
                + "    public void reduce(Integer k, Iterable<Long> vs, Emitter<Integer, Long> out) {}\n}\n");
        SOURCES.put("CountingCombiner", imports
                + "public class CountingCombiner implements Reducer<String, Long, String, Integer> {\n"
                + "    public void reduce(String k, Iterable<Long> vs, Emitter<String, Integer> out) {}\n}\n");
        SOURCES.put("IntPartitioner", imports + "public class IntPartitioner implements Partitioner<Integer> {\n"
                + "    public int partition(Integer k, int n) { return 0; }\n}\n");
    }

    @TempDir static Path shared;
    private static byte[] userJar;

    @TempDir Path tmp;
    private JarStore jars;
    private JobAdmission admission;
    private Path input;
    private Path output;

    @BeforeAll
    static void compileUserClasses() throws IOException {
        Path src = Files.createDirectories(shared.resolve("src/com/acme"));
        Path classes = Files.createDirectories(shared.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-proc:none", "-d", classes.toString(), "-classpath", apiJar()));
        for (Map.Entry<String, String> e : SOURCES.entrySet()) {
            Path file = src.resolve(e.getKey() + ".java");
            Files.writeString(file, "package com.acme;\n" + e.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK compiler (the tests need a JDK, not a JRE)").isNotNull();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertThat(rc).as("compiling the user classes: %s", diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        // Orphan's superclass is left out of the jar on purpose.
        Files.delete(classes.resolve("com/acme/Gone.class"));
        userJar = TestJars.jarOf(classes);
    }

    /** Where quern-api is on the test class path: a jar from the local repository or a classes directory. */
    private static String apiJar() {
        try {
            return Path.of(Mapper.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        jars = new JarStore(tmp.resolve("jars"));
        admission = new JobAdmission(jars);
        input = Files.writeString(tmp.resolve("in.txt"), "one line\nanother line\n", StandardCharsets.UTF_8);
        output = tmp.resolve("out");
    }

    // ---- built-in jobs

    @Test
    void builtin_isResolvedToItsClasses() throws Exception {
        AdmittedJob admitted = admission.admit(builtin("wordcount", Map.of()));

        JobSpec spec = admitted.spec();
        assertThat(spec.builtin()).isEqualTo("wordcount");
        assertThat(spec.mapper()).isEqualTo(WordCountMapper.class.getName());
        assertThat(spec.reducer()).isEqualTo(SumReducer.class.getName());
        assertThat(spec.combiner()).isEqualTo(SumReducer.class.getName());
        assertThat(spec.partitioner()).isNull();
        assertThat(admitted.splits()).containsExactly(List.of(new FileRange(input.toString(), 0, 22, false)));
        assertThat(admitted.inputBytes()).isEqualTo(22);
        assertThat(output).as("admission touches no output").doesNotExist();
    }

    @Test
    void builtinGrepAndLogstats_resolveToTheirMappers() throws Exception {
        assertThat(admission.admit(builtin("grep", Map.of("pattern", "line"))).spec().mapper())
                .isEqualTo(GrepMapper.class.getName());
        assertThat(admission.admit(builtin("logstats", Map.of())).spec().mapper())
                .isEqualTo(LogStatsMapper.class.getName());
    }

    @Test
    void unknownBuiltin_listsTheBuiltins() {
        assertRejected(builtin("wordcont", Map.of()),
                "unknown job 'wordcont' (built-in jobs: wordcount, grep, logstats, sort, sortgen)");
    }

    @Test
    void grepWithoutPattern_saysWhatToAdd() {
        assertRejected(builtin("grep", Map.of()), "grep needs --conf pattern=REGEX");
    }

    @Test
    void grepWithBadPattern_isOneLine() {
        assertRejected(builtin("grep", Map.of("pattern", "(")),
                "grep: invalid pattern '(': Unclosed group near index 1");
    }

    @Test
    void builtinWithWholeFileInput_isRejectedForItsMapperTypes() {
        JobSpec spec = builtin("wordcount", Map.of());
        assertRejected(withFormat(spec, InputFormat.WHOLE_FILE), "mapper " + WordCountMapper.class.getName()
                + " reads (Long, String) but whole-file input gives (String, String)");
    }

    @Test
    void existingOutput_isRejected_andLeftUntouched() throws IOException {
        Files.createDirectory(output);
        Files.writeString(output.resolve("old"), "keep");
        assertRejected(builtin("wordcount", Map.of()), "output already exists: " + output);
        assertThat(output.resolve("old")).hasContent("keep");
    }

    @Test
    void existingOutputFile_isRejected() throws IOException {
        Files.writeString(output, "a file");
        assertRejected(builtin("wordcount", Map.of()), "output already exists: " + output);
    }

    @Test
    void withAllowedRoots_inputsOutputsAndListedFilesMustBeInside() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path books = Files.createDirectories(root.resolve("books"));
        Files.writeString(books.resolve("a.txt"), "a line\n");
        JobAdmission restricted = new JobAdmission(jars, PathRoots.parse(root.toString()));
        JobSpec inside = new JobSpec("wordcount", null, null, null, null, null, List.of(books.toString()),
                root.resolve("out").toString(), 2, JobSpec.DEFAULT_SPLIT_SIZE, InputFormat.TEXT, Map.of(), 4, 0,
                Duration.ZERO);

        assertThat(restricted.admit(inside).splits()).hasSize(1);
        assertThatThrownBy(() -> restricted.admit(builtin("wordcount", Map.of())))
                .isInstanceOf(InvalidJobException.class).hasMessageStartingWith("output " + output);
        Files.createSymbolicLink(books.resolve("b.txt"), input);
        assertThatThrownBy(() -> restricted.admit(inside)).as("a link in an input directory to a file outside")
                .isInstanceOf(InvalidJobException.class)
                .hasMessageStartingWith("input file " + books.resolve("b.txt") + " is outside the allowed roots");
    }

    @Test
    void missingInput_isRejectedNamingIt() {
        Path missing = tmp.resolve("no-such-input");
        JobSpec spec = new JobSpec("wordcount", null, null, null, null, null, List.of(input.toString(),
                missing.toString()), output.toString(), 2, JobSpec.DEFAULT_SPLIT_SIZE, InputFormat.TEXT, Map.of(), 4,
                0, Duration.ZERO);
        assertRejected(spec, "input not found: " + missing);
    }

    @Test
    void smallFiles_shareOneSplit_unlessPackingIsTurnedOff() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("small"));
        for (String name : List.of("a", "b", "c")) {
            Files.writeString(dir.resolve(name), "x\n");
        }

        AdmittedJob packed = admission.admit(inputs(dir, Map.of()));
        AdmittedJob perFile = admission.admit(inputs(dir, Map.of("quern.split.pack", "false")));

        assertThat(packed.splits()).hasSize(1);
        assertThat(packed.splits().get(0)).hasSize(3);
        assertThat(perFile.splits()).hasSize(3).allSatisfy(split -> assertThat(split).hasSize(1));
        assertRejected(inputs(dir, Map.of("quern.split.pack", "sometimes")),
                "quern.split.pack: 'sometimes' is not true or false");
    }

    @Test
    void sortgenRowFiles_areEachAMapOfTheirOwn() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("rows"));
        for (String name : List.of("rows-0", "rows-1", "rows-2")) {
            Files.writeString(dir.resolve(name), "0 10\n");
        }
        JobSpec spec = new JobSpec("sortgen", null, null, null, null, null, List.of(dir.toString()),
                output.toString(), 0, JobSpec.DEFAULT_SPLIT_SIZE, InputFormat.TEXT, Map.of(), 4, 0, Duration.ZERO);

        assertThat(admission.admit(spec).splits()).hasSize(3).allSatisfy(split -> assertThat(split).hasSize(1));
    }

    private JobSpec inputs(Path dir, Map<String, String> conf) {
        return new JobSpec("wordcount", null, null, null, null, null, List.of(dir.toString()), output.toString(), 2,
                JobSpec.DEFAULT_SPLIT_SIZE, InputFormat.TEXT, conf, 4, 0, Duration.ZERO);
    }

    // ---- user jobs

    @Test
    void validUserJob_isAdmittedUnchanged() throws Exception {
        JobSpec spec = user("com.acme.Tokens", "com.acme.Sum", "com.acme.Sum", "com.acme.ByFirstLetter",
                InputFormat.TEXT);
        AdmittedJob admitted = admission.admit(spec);
        assertThat(admitted.spec()).isEqualTo(spec);
        assertThat(admitted.splits()).hasSize(1);
    }

    @Test
    void validWholeFileJob_isAdmitted() throws Exception {
        JobSpec spec = user("com.acme.PathMapper", "com.acme.Sum", null, null, InputFormat.WHOLE_FILE);
        assertThat(admission.admit(spec).spec()).isEqualTo(spec);
    }

    @Test
    void jarNeverUploaded_isRejected() {
        String sha = "0".repeat(64);
        JobSpec spec = new JobSpec(null, sha, "com.acme.Tokens", "com.acme.Sum", null, null, List.of(input.toString()),
                output.toString(), 2, JobSpec.DEFAULT_SPLIT_SIZE, InputFormat.TEXT, Map.of(), 4, 0, Duration.ZERO);
        assertRejected(spec, "jar " + sha + " was not uploaded");
    }

    @Test
    void missingClass_isRejectedNamingIt() throws Exception {
        assertRejected(mapper("com.acme.Missing"), "mapper class not found: com.acme.Missing");
        assertRejected(user("com.acme.Tokens", "com.acme.Missing", null, null, InputFormat.TEXT),
                "reducer class not found: com.acme.Missing");
        assertRejected(user("com.acme.Tokens", "com.acme.Sum", "com.acme.Missing", null, InputFormat.TEXT),
                "combiner class not found: com.acme.Missing");
        assertRejected(user("com.acme.Tokens", "com.acme.Sum", null, "com.acme.Missing", InputFormat.TEXT),
                "partitioner class not found: com.acme.Missing");
    }

    @Test
    void engineClassesAreNotVisibleToTheJob() throws Exception {
        assertRejected(mapper(WordCountMapper.class.getName()),
                "mapper class not found: " + WordCountMapper.class.getName());
    }

    @Test
    void classWhoseSuperclassIsMissingFromTheJar_isRejectedNamingIt() throws Exception {
        assertRejected(mapper("com.acme.Orphan"), "mapper class not found: com.acme.Orphan");
    }

    @Test
    void wrongInterface_isRejected() throws Exception {
        assertRejected(mapper("com.acme.NotAMapper"),
                "mapper com.acme.NotAMapper does not implement io.quern.api.Mapper");
        assertRejected(user("com.acme.Tokens", "com.acme.Tokens", null, null, InputFormat.TEXT),
                "reducer com.acme.Tokens does not implement io.quern.api.Reducer");
        assertRejected(user("com.acme.Tokens", "com.acme.Sum", null, "com.acme.Sum", InputFormat.TEXT),
                "partitioner com.acme.Sum does not implement io.quern.api.Partitioner");
    }

    @Test
    void noPublicNoArgumentConstructor_isRejected() throws Exception {
        assertRejected(mapper("com.acme.NeedsArgument"),
                "mapper com.acme.NeedsArgument has no public no-argument constructor");
        assertRejected(mapper("com.acme.PrivateConstructor"),
                "mapper com.acme.PrivateConstructor has no public no-argument constructor");
    }

    @Test
    void constructorThatThrows_isRejectedSayingWhatItThrew_onOneLine() throws Exception {
        assertRejected(mapper("com.acme.ThrowingConstructor"),
                "mapper com.acme.ThrowingConstructor: constructor threw java.lang.IllegalStateException: no config");
    }

    @Test
    void failingStaticInitializer_isRejectedNamingTheClass() throws Exception {
        JobSpec spec = mapper("com.acme.FailingStaticInit");
        assertThatThrownBy(() -> admission.admit(spec))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageStartingWith("mapper com.acme.FailingStaticInit cannot be instantiated")
                .hasMessageNotContaining("\n");
    }

    @Test
    void abstractOrInaccessibleClass_isRejected() throws Exception {
        assertRejected(mapper("com.acme.AbstractMapper"), "mapper com.acme.AbstractMapper is abstract");
        assertRejected(mapper("com.acme.HiddenMapper"),
                "mapper com.acme.HiddenMapper is not a public top-level or static nested class");
        assertRejected(mapper("com.acme.Outer$Inner"),
                "mapper com.acme.Outer$Inner is not a public top-level or static nested class");
    }

    @Test
    void unsupportedTypeArgument_isRejectedNamingTheClassAndTheArgument() throws Exception {
        assertRejected(user("com.acme.ShortKeys", "com.acme.Sum", null, null, InputFormat.TEXT),
                "com.acme.ShortKeys: output key type java.lang.Short is not supported" + SUPPORTED);
        assertRejected(user("com.acme.Tokens", "com.acme.ObjectValues", null, null, InputFormat.TEXT),
                "com.acme.ObjectValues: output value type java.lang.Object is not supported" + SUPPORTED);
        assertRejected(user("com.acme.ListKeys", "com.acme.Sum", null, null, InputFormat.TEXT),
                "com.acme.ListKeys: output key type java.util.List<java.lang.String> is not supported" + SUPPORTED);
    }

    @Test
    void reducerNotReadingTheMappersOutput_isRejected() throws Exception {
        assertRejected(user("com.acme.Tokens", "com.acme.IntSum", null, null, InputFormat.TEXT),
                "reducer com.acme.IntSum reads (Integer, Long) but the mapper emits (String, Long)");
    }

    @Test
    void combinerChangingTheTypes_isRejected() throws Exception {
        assertRejected(user("com.acme.Tokens", "com.acme.Sum", "com.acme.CountingCombiner", null, InputFormat.TEXT),
                "combiner com.acme.CountingCombiner must be a Reducer<String, Long, String, Long> to match the"
                        + " mapper's output");
        assertRejected(user("com.acme.Tokens", "com.acme.Sum", "com.acme.IntSum", null, InputFormat.TEXT),
                "combiner com.acme.IntSum must be a Reducer<String, Long, String, Long> to match the mapper's output");
    }

    @Test
    void partitionerForAnotherKeyType_isRejected() throws Exception {
        assertRejected(user("com.acme.Tokens", "com.acme.Sum", null, "com.acme.IntPartitioner", InputFormat.TEXT),
                "partitioner com.acme.IntPartitioner must be a Partitioner<String> to match the mapper's output key");
    }

    @Test
    void textInputWithMapperNotReadingLongKeys_isRejected() throws Exception {
        assertRejected(user("com.acme.PathMapper", "com.acme.Sum", null, null, InputFormat.TEXT),
                "mapper com.acme.PathMapper reads (String, String) but text input gives (Long, String)");
    }

    @Test
    void mapOnlyRuns_needNoReducer_andBuiltinsDropTheirReducerAndCombiner() throws Exception {
        JobSpec wc = admission.admit(reducers(builtin("wordcount", Map.of()), 0)).spec();
        assertThat(wc.mapper()).isEqualTo(WordCountMapper.class.getName());
        assertThat(wc.reducer()).isNull();
        assertThat(wc.combiner()).isNull();

        JobSpec user = admission.admit(reducers(user("com.acme.Tokens", "com.acme.Sum", null, null,
                InputFormat.TEXT), 0).withClasses("com.acme.Tokens", null, null, null)).spec();
        assertThat(user.reducer()).isNull();
        assertThat(user.isMapOnly()).isTrue();
    }

    @Test
    void sortgen_isMapOnly_andItsSeedIsChecked() throws Exception {
        assertRejected(builtin("sortgen", Map.of()), "sortgen is a map-only job: run it with --reducers 0");
        assertRejected(reducers(builtin("sortgen", Map.of("seed", "x")), 0),
                "sortgen: --conf seed must be a whole number, not 'x'");
        assertThat(admission.admit(reducers(builtin("sortgen", Map.of("seed", "3")), 0)).spec().splitPoints())
                .isNull();
    }

    @Test
    void sort_getsSplitPointsSampledFromItsInput() throws Exception {
        StringBuilder records = new StringBuilder();
        char[] c = new char[io.quern.examples.sort.SortRecord.LINE_LENGTH];
        List<String> keys = new ArrayList<>();
        for (int row = 0; row < 1000; row++) {
            io.quern.examples.sort.SortRecord.generate(9, row, c);
            records.append(c).append('\n');
            keys.add(new String(c, 0, 10));
        }
        Files.writeString(input, records + "a line that is no record\n", StandardCharsets.US_ASCII);
        JobSpec spec = admission.admit(reducers(builtin("sort", Map.of()), 4)).spec();

        assertThat(spec.reducer()).isEqualTo(io.quern.examples.sort.IdentityReducer.class.getName());
        assertThat(spec.splitPoints()).isNotNull();
        assertThat(spec.splitPoints().size()).isEqualTo(3);
        keys.sort(null);
        for (int i = 0; i < 3; i++) {
            String point = new String(spec.splitPoints().get(i), StandardCharsets.UTF_8);
            assertThat(point).as("the sample is the whole input here: point %d is its quantile", i)
                    .isEqualTo(keys.get((i + 1) * 250));
        }
    }

    // ---- storage

    @Test
    void outputOfAnUnknownScheme_isRefusedInOneLineNamingTheScheme() {
        JobSpec spec = builtin("wordcount", Map.of()).withPaths(List.of(input.toString()), "s3://bucket/wc");
        assertRejected(spec, "no storage for scheme 's3': inputs and outputs are paths on a file system mounted on"
                + " every node");
    }

    @Test
    void inputOfAnUnknownScheme_isRefusedBeforeAnythingIsRead() {
        JobSpec spec = builtin("wordcount", Map.of()).withPaths(List.of("hdfs:/data/books"), output.toString());
        assertRejected(spec, "no storage for scheme 'hdfs': inputs and outputs are paths on a file system mounted on"
                + " every node");
    }

    @Test
    void fileUris_becomePlainPathsOfTheSharedFileSystem() throws Exception {
        JobSpec spec = builtin("wordcount", Map.of()).withPaths(List.of(input.toUri().toString()),
                output.toUri().toString());

        AdmittedJob admitted = admission.admit(spec);

        assertThat(admitted.spec().inputs()).containsExactly(input.toString());
        assertThat(admitted.spec().output()).isEqualTo(output.toString());
        assertThat(admitted.splits()).containsExactly(List.of(new FileRange(input.toString(), 0, 22, false)));
    }

    // ---- helpers

    private void assertRejected(JobSpec spec, String message) {
        assertThatThrownBy(() -> admission.admit(spec))
                .isInstanceOf(InvalidJobException.class)
                .hasMessage(message);
    }

    private JobSpec builtin(String name, Map<String, String> conf) {
        return new JobSpec(name, null, null, null, null, null, List.of(input.toString()), output.toString(), 2,
                JobSpec.DEFAULT_SPLIT_SIZE, InputFormat.TEXT, conf, 4, 0, Duration.ZERO);
    }

    private static JobSpec reducers(JobSpec s, int reducers) {
        return new JobSpec(s.builtin(), s.jarSha256(), s.mapper(), s.reducer(), s.combiner(), s.partitioner(),
                s.inputs(), s.output(), reducers, s.splitSize(), s.inputFormat(), s.conf(), s.maxAttempts(),
                s.maxSkippedRecords(), s.timeout());
    }

    private static JobSpec withFormat(JobSpec s, InputFormat format) {
        return new JobSpec(s.builtin(), s.jarSha256(), s.mapper(), s.reducer(), s.combiner(), s.partitioner(),
                s.inputs(), s.output(), s.reducers(), s.splitSize(), format, s.conf(), s.maxAttempts(),
                s.maxSkippedRecords(), s.timeout());
    }

    /** A user job with {@code mapper} and the matching reducer {@code Sum}. */
    private JobSpec mapper(String mapper) throws IOException, InvalidJobException {
        return user(mapper, "com.acme.Sum", null, null, InputFormat.TEXT);
    }

    private JobSpec user(String mapper, String reducer, String combiner, String partitioner, InputFormat format)
            throws IOException, InvalidJobException {
        String sha = TestJars.upload(jars, userJar);
        return new JobSpec(null, sha, mapper, reducer, combiner, partitioner, List.of(input.toString()),
                output.toString(), 2, JobSpec.DEFAULT_SPLIT_SIZE, format, Map.of(), 4, 0, Duration.ZERO);
    }
}
