package io.shopsense.ads;

import java.time.LocalDate;
import java.util.List;

/**
 * The outcome of {@link AdMarketSimulator#runAudiences}: per day, the true expected conversions of the audience-aware
 * plan, of the audience-blind plan, of the oracle over audience cells and of an untargeted even split, with the
 * aware plan's forecast and what it realised.
 */
public record AudienceSimulationReport(List<Day> days) {

    public AudienceSimulationReport {
        days = List.copyOf(days);
    }

    /**
     * One simulated day.
     *
     * @param aware    true expected conversions of the plan over audience × channel × hour
     * @param blind    true expected conversions of the plan over channel × hour from results without audiences
     * @param oracle   true expected conversions of the best audience-targeted plan knowing the true rates
     * @param untargetedOracle true expected conversions of the best plan over channel × hour knowing the true rates:
     *                 what perfect knowledge earns without targeting, so {@code oracle − untargetedOracle} is all that
     *                 targeting can add in this market
     * @param even     true expected conversions of an untargeted even split
     * @param realised conversions the aware plan produced in the simulated market
     * @param forecast the aware plan's expected conversions, with its 95% posterior predictive interval
     */
    public record Day(LocalDate date, double aware, double blind, double oracle, double untargetedOracle,
                      double even, long realised,
                      double forecast, double forecastLow, double forecastHigh) {
    }

    /** Days from the {@code first}-th on (0-based): e.g. {@code from(14)} is everything after two weeks. */
    public AudienceSimulationReport from(int first) {
        return new AudienceSimulationReport(days.subList(Math.min(first, days.size()), days.size()));
    }

    /** The first {@code count} days: e.g. {@code until(7)} is the first week, while the planner is still learning. */
    public AudienceSimulationReport until(int count) {
        return new AudienceSimulationReport(days.subList(0, Math.min(count, days.size())));
    }

    public double awareConversions() {
        return days.stream().mapToDouble(Day::aware).sum();
    }

    public double blindConversions() {
        return days.stream().mapToDouble(Day::blind).sum();
    }

    public double oracleConversions() {
        return days.stream().mapToDouble(Day::oracle).sum();
    }

    public double untargetedOracleConversions() {
        return days.stream().mapToDouble(Day::untargetedOracle).sum();
    }

    public double evenConversions() {
        return days.stream().mapToDouble(Day::even).sum();
    }

    /** Days whose realised conversions fell inside the aware plan's 95% interval (bounds included). */
    public long daysInsideInterval() {
        return days.stream().filter(d -> d.realised() >= d.forecastLow() && d.realised() <= d.forecastHigh())
                .count();
    }

    public double intervalCoverage() {
        return days.isEmpty() ? Double.NaN : daysInsideInterval() / (double) days.size();
    }
}
