package io.quern.common.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.api.Emitter;
import io.quern.api.Mapper;
import io.quern.api.Partitioner;
import io.quern.api.Reducer;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeArgumentsTest {

    // ---- fixtures: the ways a user class can declare its types

    public static class Direct implements Mapper<Long, String, String, Long> {
        @Override
        public void map(Long key, String value, Emitter<String, Long> out) {}
    }

    public abstract static class Base<T> implements Mapper<Long, String, T, Long> {}

    public static class Sub extends Base<String> {
        @Override
        public void map(Long key, String value, Emitter<String, Long> out) {}
    }

    public abstract static class Middle<U> extends Base<U> {}

    public static class Leaf extends Middle<Integer> {
        @Override
        public void map(Long key, String value, Emitter<Integer, Long> out) {}
    }

    /** Renames the variable on the way: the mapper's output value is the subclass's first argument. */
    public abstract static class Swapped<A, B> implements Mapper<Long, String, B, A> {}

    public static class SwappedLeaf extends Swapped<Double, String> {
        @Override
        public void map(Long key, String value, Emitter<String, Double> out) {}
    }

    public interface TokenMapper<V> extends Mapper<Long, String, String, V> {}

    public static class ViaInterface implements TokenMapper<Double> {
        @Override
        public void map(Long key, String value, Emitter<String, Double> out) {}
    }

    public static class ViaInterfaceOfSuperclass extends ViaInterface {}

    @SuppressWarnings("rawtypes")
    public static class Raw implements Mapper {
        @Override
        public void map(Object key, Object value, Emitter out) {}
    }

    public static class ListOut implements Mapper<Long, String, List<String>, Long> {
        @Override
        public void map(Long key, String value, Emitter<List<String>, Long> out) {}
    }

    public static class ObjectOut implements Mapper<Long, String, Object, Long> {
        @Override
        public void map(Long key, String value, Emitter<Object, Long> out) {}
    }

    public static class StillGeneric<T> implements Mapper<Long, String, T, Long> {
        @Override
        public void map(Long key, String value, Emitter<T, Long> out) {}
    }

    public static class BytesReducer implements Reducer<byte[], byte[], byte[], Integer> {
        @Override
        public void reduce(byte[] key, Iterable<byte[]> values, Emitter<byte[], Integer> out) {}
    }

    public abstract static class SameTypesReducer<T> implements Reducer<T, T, T, Long> {}

    public static class BytesViaVariable extends SameTypesReducer<byte[]> {
        @Override
        public void reduce(byte[] key, Iterable<byte[]> values, Emitter<byte[], Long> out) {}
    }

    public static class AlsoPartitions implements Partitioner<Integer>, Mapper<Long, String, Integer, Double> {
        @Override
        public int partition(Integer key, int numPartitions) {
            return 0;
        }

        @Override
        public void map(Long key, String value, Emitter<Integer, Double> out) {}
    }

    public static class IntPartitioner implements Partitioner<Integer> {
        @Override
        public int partition(Integer key, int numPartitions) {
            return 0;
        }
    }

    // ---- tests

    @Test
    void directImplementation_givesItsTypeArguments() {
        assertThat(TypeArguments.keyValueTypes(Direct.class, Mapper.class))
                .isEqualTo(new KeyValueTypes(Long.class, String.class, String.class, Long.class));
    }

    @Test
    void genericSuperclass_substitutesTheSubclassArgument() {
        assertThat(TypeArguments.keyValueTypes(Sub.class, Mapper.class))
                .isEqualTo(new KeyValueTypes(Long.class, String.class, String.class, Long.class));
    }

    @Test
    void twoGenericSuperclasses_substituteThroughBothLevels() {
        assertThat(TypeArguments.keyValueTypes(Leaf.class, Mapper.class))
                .isEqualTo(new KeyValueTypes(Long.class, String.class, Integer.class, Long.class));
    }

    @Test
    void typeVariablesInAnotherOrder_areMatchedByVariableNotPosition() {
        assertThat(TypeArguments.keyValueTypes(SwappedLeaf.class, Mapper.class))
                .isEqualTo(new KeyValueTypes(Long.class, String.class, String.class, Double.class));
    }

    @Test
    void subInterface_substitutesItsArgument() {
        KeyValueTypes expected = new KeyValueTypes(Long.class, String.class, String.class, Double.class);
        assertThat(TypeArguments.keyValueTypes(ViaInterface.class, Mapper.class)).isEqualTo(expected);
        assertThat(TypeArguments.keyValueTypes(ViaInterfaceOfSuperclass.class, Mapper.class))
                .as("inherited from a superclass that implements the sub-interface")
                .isEqualTo(expected);
    }

    @Test
    void byteArrayArguments_areSupported() {
        assertThat(TypeArguments.keyValueTypes(BytesReducer.class, Reducer.class))
                .isEqualTo(new KeyValueTypes(byte[].class, byte[].class, byte[].class, Integer.class));
        assertThat(TypeArguments.keyValueTypes(BytesViaVariable.class, Reducer.class))
                .as("byte[] bound to a type variable")
                .isEqualTo(new KeyValueTypes(byte[].class, byte[].class, byte[].class, Long.class));
    }

    @Test
    void classImplementingSeveralInterfaces_givesTheArgumentsOfTheOneAskedFor() {
        assertThat(TypeArguments.keyValueTypes(AlsoPartitions.class, Mapper.class))
                .isEqualTo(new KeyValueTypes(Long.class, String.class, Integer.class, Double.class));
        assertThat(TypeArguments.resolve(AlsoPartitions.class, Partitioner.class)).containsExactly(Integer.class);
    }

    @Test
    void resolve_worksForAnyGenericInterface() {
        assertThat(TypeArguments.resolve(IntPartitioner.class, Partitioner.class)).containsExactly(Integer.class);
    }

    @Test
    void resolve_isEmptyWhenTheInterfaceIsNotImplemented() {
        assertThat(TypeArguments.resolve(Direct.class, Reducer.class)).isEmpty();
        assertThat(TypeArguments.resolve(String.class, Mapper.class)).isEmpty();
    }

    @Test
    void rawImplementation_isAnErrorNamingTheClass() {
        assertThat(TypeArguments.resolve(Raw.class, Mapper.class)).isEmpty();
        assertThatThrownBy(() -> TypeArguments.keyValueTypes(Raw.class, Mapper.class))
                .isInstanceOf(UnsupportedTypeException.class)
                .hasMessage(Raw.class.getName() + " does not declare 4 type arguments on Mapper");
    }

    @Test
    void notImplementingTheInterface_isAnErrorNamingTheClass() {
        assertThatThrownBy(() -> TypeArguments.keyValueTypes(Direct.class, Reducer.class))
                .isInstanceOf(UnsupportedTypeException.class)
                .hasMessage(Direct.class.getName() + " does not declare 4 type arguments on Reducer");
    }

    @Test
    void parameterizedArgument_isUnsupported_namingTheClassTheArgumentAndTheType() {
        assertThatThrownBy(() -> TypeArguments.keyValueTypes(ListOut.class, Mapper.class))
                .isInstanceOf(UnsupportedTypeException.class)
                .hasMessage(ListOut.class.getName() + ": output key type java.util.List<java.lang.String> is not"
                        + " supported (supported: String, Long, Integer, Double, byte[])");
    }

    @Test
    void objectArgument_isUnsupported_namingTheClassAndTheArgument() {
        assertThatThrownBy(() -> TypeArguments.keyValueTypes(ObjectOut.class, Mapper.class))
                .isInstanceOf(UnsupportedTypeException.class)
                .hasMessage(ObjectOut.class.getName() + ": output key type java.lang.Object is not supported"
                        + " (supported: String, Long, Integer, Double, byte[])");
    }

    @Test
    void unboundTypeVariable_isNotAConcreteArgument() {
        assertThat(TypeArguments.resolve(StillGeneric.class, Mapper.class))
                .containsExactly(Long.class, String.class, null, Long.class);
        assertThatThrownBy(() -> TypeArguments.keyValueTypes(StillGeneric.class, Mapper.class))
                .isInstanceOf(UnsupportedTypeException.class)
                .hasMessageStartingWith(StillGeneric.class.getName() + ": output key type ")
                .hasMessageContaining("is not a concrete type argument");
    }

    @Test
    void supportedTypes_areExactlyTheContractTypes() {
        assertThat(TypeArguments.SUPPORTED)
                .containsExactlyInAnyOrder(String.class, Long.class, Integer.class, Double.class, byte[].class);
    }
}
