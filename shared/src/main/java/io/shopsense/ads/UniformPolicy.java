package io.shopsense.ads;

import java.util.Arrays;

/** Every item equally likely at every position: the Open Bandit Dataset's {@code random} logging policy. */
public final class UniformPolicy implements SlotPolicy {

    @Override
    public String name() {
        return "uniform-random";
    }

    @Override
    public ActionDistribution fit(BanditLog log, int[] trainRows, ItemContext items) {
        double p = 1.0 / log.itemCount();
        return (l, row, out) -> Arrays.fill(out, p);
    }
}
