package io.shopsense.ads;

import java.time.LocalDate;
import java.util.List;

/**
 * The outcome of {@link AdMarketSimulator#run}: per day, the true expected conversions of the planner's plan, of the
 * oracle's and of an even split, and the planner's own forecast. Regret = oracle − policy, in expected conversions.
 */
public record SimulationReport(List<Day> days) {

    public SimulationReport {
        days = List.copyOf(days);
    }

    /**
     * One simulated day.
     *
     * @param planner   true expected conversions of the planner's plan
     * @param oracle    true expected conversions of the best plan knowing the true rates
     * @param even      true expected conversions of an even split over every cell
     * @param realised  conversions the simulated market actually produced for the planner's plan
     * @param forecast  the planner's posterior expected conversions, with its 95% posterior predictive interval
     */
    public record Day(LocalDate date, double planner, double oracle, double even, long realised, double forecast,
                      double forecastLow, double forecastHigh) {
    }

    /** Σ (oracle − planner) over the days. */
    public double plannerRegret() {
        return days.stream().mapToDouble(d -> d.oracle() - d.planner()).sum();
    }

    /** Σ (oracle − even split) over the days. */
    public double evenSplitRegret() {
        return days.stream().mapToDouble(d -> d.oracle() - d.even()).sum();
    }

    public double plannerConversions() {
        return days.stream().mapToDouble(Day::planner).sum();
    }

    public double oracleConversions() {
        return days.stream().mapToDouble(Day::oracle).sum();
    }

    public double evenConversions() {
        return days.stream().mapToDouble(Day::even).sum();
    }

    /** Days whose realised conversions fell inside the plan's 95% interval (bounds included). */
    public long daysInsideInterval() {
        return days.stream().filter(d -> d.realised() >= d.forecastLow() && d.realised() <= d.forecastHigh())
                .count();
    }

    /** Share of days whose realised conversions fell inside the plan's 95% interval. */
    public double forecastCoverage() {
        return daysInsideInterval() / (double) days.size();
    }
}
