package io.quern.coordinator.jobs;

import io.quern.api.Mapper;
import io.quern.api.Partitioner;
import io.quern.api.Reducer;
import io.quern.common.job.InputFormat;
import io.quern.common.types.KeyValueTypes;
import io.quern.common.types.TypeArguments;
import io.quern.common.types.UnsupportedTypeException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;

/** Checks that a job's classes load, implement the right interface, construct, and agree on types. */
final class ClassChecks {
    private ClassChecks() {}

    static void check(ClassLoader loader, String mapper, String reducer, String combiner, String partitioner,
                      InputFormat format) throws InvalidJobException {
        Class<?> m = load(loader, mapper, Mapper.class, "mapper");
        KeyValueTypes mt = types(m, Mapper.class);
        Class<?> inKey = format == InputFormat.TEXT ? Long.class : String.class;
        if (mt.inKey() != inKey || mt.inValue() != String.class) {
            throw new InvalidJobException("mapper " + mapper + " reads (" + name(mt.inKey()) + ", "
                    + name(mt.inValue()) + ") but " + format.name().toLowerCase().replace('_', '-')
                    + " input gives (" + name(inKey) + ", String)");
        }
        if (reducer != null) { // none in a map-only job
            Class<?> r = load(loader, reducer, Reducer.class, "reducer");
            KeyValueTypes rt = types(r, Reducer.class);
            if (rt.inKey() != mt.outKey() || rt.inValue() != mt.outValue()) {
                throw new InvalidJobException("reducer " + reducer + " reads (" + name(rt.inKey()) + ", "
                        + name(rt.inValue()) + ") but the mapper emits (" + name(mt.outKey()) + ", "
                        + name(mt.outValue()) + ")");
            }
        }
        if (combiner != null) {
            Class<?> c = load(loader, combiner, Reducer.class, "combiner");
            KeyValueTypes ct = types(c, Reducer.class);
            if (ct.inKey() != mt.outKey() || ct.inValue() != mt.outValue() || ct.outKey() != mt.outKey()
                    || ct.outValue() != mt.outValue()) {
                throw new InvalidJobException("combiner " + combiner + " must be a Reducer<" + name(mt.outKey())
                        + ", " + name(mt.outValue()) + ", " + name(mt.outKey()) + ", " + name(mt.outValue())
                        + "> to match the mapper's output");
            }
        }
        if (partitioner != null) {
            Class<?> p = load(loader, partitioner, Partitioner.class, "partitioner");
            List<Class<?>> args = TypeArguments.resolve(p, Partitioner.class);
            if (args.size() != 1 || args.get(0) != mt.outKey()) {
                throw new InvalidJobException("partitioner " + partitioner + " must be a Partitioner<"
                        + name(mt.outKey()) + "> to match the mapper's output key");
            }
        }
    }

    private static Class<?> load(ClassLoader loader, String name, Class<?> iface, String role)
            throws InvalidJobException {
        Class<?> c;
        try {
            c = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidJobException(role + " class not found: " + name);
        }
        if (!iface.isAssignableFrom(c)) {
            throw new InvalidJobException(role + " " + name + " does not implement " + iface.getName());
        }
        if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
            throw new InvalidJobException(role + " " + name + " is abstract");
        }
        if (!Modifier.isPublic(c.getModifiers()) || (c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers()))) {
            throw new InvalidJobException(role + " " + name + " is not a public top-level or static nested class");
        }
        try {
            c.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new InvalidJobException(role + " " + name + " has no public no-argument constructor");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new InvalidJobException(role + " " + name + ": constructor threw " + cause.getClass().getName()
                    + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage())));
        } catch (InstantiationException | LinkageError e) {
            throw new InvalidJobException(role + " " + name + " cannot be instantiated: " + e);
        }
        return c;
    }

    private static KeyValueTypes types(Class<?> c, Class<?> iface) throws InvalidJobException {
        try {
            return TypeArguments.keyValueTypes(c, iface);
        } catch (UnsupportedTypeException e) {
            throw new InvalidJobException(e.getMessage());
        }
    }

    private static String name(Class<?> c) {
        return c.getSimpleName();
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
