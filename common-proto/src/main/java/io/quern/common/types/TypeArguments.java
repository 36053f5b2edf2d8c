package io.quern.common.types;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the concrete type arguments a class declares for a generic interface, walking superclasses
 * and superinterfaces and substituting type variables on the way
 * ({@code class Tokens extends Base<String>} with {@code Base<T> implements Mapper<Long, String, T, Long>}).
 */
public final class TypeArguments {
    /** The key and value types the engine can serialize. */
    public static final Set<Class<?>> SUPPORTED =
            Set.of(String.class, Long.class, Integer.class, Double.class, byte[].class);

    private TypeArguments() {}

    /**
     * The four type arguments {@code impl} declares on {@code iface} (Mapper or Reducer).
     *
     * @throws UnsupportedTypeException naming the class and the offending argument when one is not
     *     concrete or not {@link #SUPPORTED}
     */
    public static KeyValueTypes keyValueTypes(Class<?> impl, Class<?> iface) {
        List<Type> declared = search(impl, iface, new HashMap<>());
        if (declared == null || declared.size() != 4) {
            throw new UnsupportedTypeException(impl.getName() + " does not declare 4 type arguments on "
                    + iface.getSimpleName());
        }
        String[] names = {"input key", "input value", "output key", "output value"};
        Class<?>[] args = new Class<?>[4];
        for (int i = 0; i < 4; i++) {
            Type d = declared.get(i);
            Class<?> t = toClass(d);
            // Set.of rejects contains(null), so a non-class argument is checked first.
            if (t == null || !SUPPORTED.contains(t)) {
                throw new UnsupportedTypeException(impl.getName() + ": " + names[i] + " type "
                        + (d instanceof TypeVariable<?> ? "is not a concrete type argument"
                                : d.getTypeName() + " is not supported")
                        + " (supported: String, Long, Integer, Double, byte[])");
            }
            args[i] = t;
        }
        return new KeyValueTypes(args[0], args[1], args[2], args[3]);
    }

    /**
     * The type arguments of {@code iface} as declared by {@code impl}, an element null where the
     * argument is not a concrete class. Empty when {@code impl} does not implement {@code iface}
     * or implements it raw.
     */
    public static List<Class<?>> resolve(Class<?> impl, Class<?> iface) {
        List<Type> found = search(impl, iface, new HashMap<>());
        return found == null ? List.of() : found.stream().<Class<?>>map(TypeArguments::toClass).toList();
    }

    /** The type arguments of {@code iface}, type variables substituted; null when not found or raw. */
    private static List<Type> search(Type type, Class<?> iface, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        if (type instanceof ParameterizedType p) {
            raw = (Class<?>) p.getRawType();
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type[] actual = p.getActualTypeArguments();
            Map<TypeVariable<?>, Type> next = new HashMap<>(bindings);
            for (int i = 0; i < vars.length; i++) {
                next.put(vars[i], substitute(actual[i], bindings));
            }
            bindings = next;
            if (raw == iface) {
                Type[] out = new Type[vars.length];
                for (int i = 0; i < vars.length; i++) {
                    out[i] = bindings.get(vars[i]);
                }
                return java.util.Arrays.asList(out);
            }
        } else if (type instanceof Class<?> c) {
            raw = c;
            if (raw == iface) {
                return null; // raw use: no arguments declared
            }
        } else {
            return null;
        }
        for (Type t : raw.getGenericInterfaces()) {
            List<Type> r = search(t, iface, bindings);
            if (r != null) {
                return r;
            }
        }
        Type sup = raw.getGenericSuperclass();
        return sup == null ? null : search(sup, iface, bindings);
    }

    private static Type substitute(Type t, Map<TypeVariable<?>, Type> bindings) {
        if (t instanceof TypeVariable<?> v && bindings.containsKey(v)) {
            return bindings.get(v);
        }
        return t;
    }

    private static Class<?> toClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof GenericArrayType g && g.getGenericComponentType() == byte.class) {
            return byte[].class;
        }
        return null;
    }
}
