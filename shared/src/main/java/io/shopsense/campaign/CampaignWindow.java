package io.shopsense.campaign;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The UTC days a campaign is measured over, both ends included. */
public record CampaignWindow(LocalDate start, LocalDate end) {
    public CampaignWindow {
        if (start == null || end == null) {
            throw new IllegalArgumentException("a window needs a start and an end");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window end " + end + " is before its start " + start);
        }
    }

    public int days() {
        return (int) ChronoUnit.DAYS.between(start, end) + 1;
    }

    /** Day index of {@code date} in the window (0 = start), or −1 outside it. */
    public int dayOf(LocalDate date) {
        if (date.isBefore(start) || date.isAfter(end)) {
            return -1;
        }
        return (int) ChronoUnit.DAYS.between(start, date);
    }

    /** The window as seen on {@code today}: ending there if the window is still running. */
    public CampaignWindow asOf(LocalDate today) {
        return today.isBefore(end) ? new CampaignWindow(start, today.isBefore(start) ? start : today) : this;
    }
}
