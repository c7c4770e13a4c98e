package tests.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The property tests' generators: a value as a function of a seeded {@link SplittableRandom}, so
 * the same seed always gives the same value. No shrinking: a failure's database is printed and
 * shrunk by hand into a regression test (AnyDataRegressionTest).
 */
@FunctionalInterface
public interface Gen<T> {
    T next(SplittableRandom r);

    default <U> Gen<U> map(Function<? super T, ? extends U> f) {
        return r -> f.apply(next(r));
    }

    /** Only the values that pass (drawn again until one does; a filter that passes almost nothing is a bug). */
    default Gen<T> filter(Predicate<? super T> keep) {
        return r -> {
            for (int i = 0; i < 10_000; i++) {
                T v = next(r);
                if (keep.test(v)) return v;
            }
            throw new IllegalStateException("a generator's filter passed none of 10000 values");
        };
    }

    /** 0..maxSize values; half the time at most 8 of them, so short lists (and short text) are as common as long ones. */
    default Gen<List<T>> list(int maxSize) {
        return r -> {
            int n = r.nextBoolean() ? r.nextInt(Math.min(maxSize, 8) + 1) : r.nextInt(maxSize + 1);
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(next(r));
            return out;
        };
    }

    /** NULL at this rate, otherwise a value. */
    default Gen<T> orNull(double rate) {
        return r -> r.nextDouble() < rate ? null : next(r);
    }

    /** One of these edge values at this rate, otherwise a value, so the extremes occur in every few tries. */
    @SuppressWarnings("unchecked")
    default Gen<T> withEdges(double rate, T... edges) {
        Gen<T> edge = of(edges);
        return r -> r.nextDouble() < rate ? edge.next(r) : next(r);
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    static <T> Gen<T> of(List<T> values) {
        List<T> copy = List.copyOf(values);
        return r -> copy.get(r.nextInt(copy.size()));
    }

    /** min..max, both included. */
    static Gen<Integer> ints(int min, int max) {
        return r -> (int) nextLong(r, min, max);
    }

    /** min..max, both included. */
    static Gen<Long> longs(long min, long max) {
        return r -> nextLong(r, min, max);
    }

    /** min..max (both included) in steps of 10^-scale. */
    static Gen<BigDecimal> decimals(BigDecimal min, BigDecimal max, int scale) {
        BigInteger lo = min.setScale(scale, java.math.RoundingMode.CEILING).unscaledValue();
        BigInteger hi = max.setScale(scale, java.math.RoundingMode.FLOOR).unscaledValue();
        BigInteger span = hi.subtract(lo).add(BigInteger.ONE);
        return r -> new BigDecimal(lo.add(below(r, span)), scale);
    }

    /** min..max, both included. */
    static Gen<Character> chars(char min, char max) {
        return r -> (char) r.nextInt(min, max + 1);
    }

    /** A generator chosen by weight, then its value. */
    static <T> Gen<T> frequency(List<Weighted<? extends T>> choices) {
        List<Weighted<? extends T>> copy = List.copyOf(choices);
        int total = copy.stream().mapToInt(Weighted::weight).sum();
        return r -> {
            int pick = r.nextInt(total);
            for (Weighted<? extends T> w : copy) {
                if ((pick -= w.weight()) < 0) return w.gen().next(r);
            }
            throw new AssertionError();
        };
    }

    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        return frequency(List.of(choices));
    }

    static <T> Weighted<T> weighted(int weight, Gen<T> gen) {
        return new Weighted<>(weight, gen);
    }

    record Weighted<T>(int weight, Gen<T> gen) {}

    /** One value of each generator, in order. */
    static <T> Gen<List<T>> all(List<? extends Gen<? extends T>> gens) {
        List<Gen<? extends T>> copy = List.copyOf(gens);
        return r -> {
            List<T> out = new ArrayList<>(copy.size());
            for (Gen<? extends T> g : copy) out.add(g.next(r));
            return out;
        };
    }

    private static long nextLong(SplittableRandom r, long min, long max) {
        if (max < Long.MAX_VALUE) return r.nextLong(min, max + 1);
        if (min > Long.MIN_VALUE) return r.nextLong(min - 1, max) + 1;
        return r.nextLong();
    }

    /** Uniform in 0..n-1. */
    private static BigInteger below(SplittableRandom r, BigInteger n) {
        if (n.bitLength() < 63) return BigInteger.valueOf(r.nextLong(n.longValueExact()));
        byte[] bytes = new byte[(n.bitLength() + 7) / 8 + 1];
        while (true) {
            r.nextBytes(bytes);
            bytes[0] = 0;
            BigInteger v = new BigInteger(bytes).shiftRight(bytes.length * 8 - 8 - n.bitLength());
            if (v.compareTo(n) < 0) return v;
        }
    }
}
