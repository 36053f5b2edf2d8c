package io.quern.common.types;

/** The four type arguments a {@code Mapper} or {@code Reducer} implementation declares. */
public record KeyValueTypes(Class<?> inKey, Class<?> inValue, Class<?> outKey, Class<?> outValue) {
    public KeyValueTypes {
        if (inKey == null || inValue == null || outKey == null || outValue == null) {
            throw new IllegalArgumentException("null type");
        }
    }
}
