package tests.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A JDBC connection that notes every statement sent through it (each execute of a Statement, and of a
 * PreparedStatement with its SQL), in order: what a call costs in round trips to a server far away.
 */
public final class CountingConnection {
    private final Connection real;
    public final List<String> sent = new ArrayList<>();

    public CountingConnection(Connection real) {
        this.real = real;
    }

    /** The connection to hand to the code under test. */
    public Connection connection() {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, m, args) -> {
            Object result = call(real, m, args);
            if (result instanceof Statement st) {
                String prepared = m.getName().startsWith("prepare") && args != null && args[0] instanceof String sql ? sql : null;
                Class<?> kind = m.getReturnType();
                return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {kind}, statement(st, prepared));
            }
            return result;
        });
    }

    private InvocationHandler statement(Statement st, String prepared) {
        return (proxy, m, args) -> {
            if (m.getName().startsWith("execute")) {
                synchronized (sent) {
                    sent.add(args != null && args.length > 0 && args[0] instanceof String sql ? sql : prepared);
                }
            }
            return call(st, m, args);
        };
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
