package dev.telemetry.local.grafana;

import static dev.telemetry.local.grafana.GrafanaSqlInterpolator.interpolate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GrafanaSqlInterpolatorTest {

    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2024-01-01T01:00:00.500Z");

    private static final QueryContext CONTEXT =
            new QueryContext(FROM, TO, Duration.ofMinutes(1), Map.of(), TO);

    @Nested
    class TimeMacros {

        @Test
        void shouldExpandTimeFilterToBetweenWithRfc3339TimesWithoutTrailingZeros() {
            assertThat(interpolate("WHERE $__timeFilter(window_start)", CONTEXT))
                    .isEqualTo(
                            "WHERE window_start BETWEEN '2024-01-01T00:00:00Z'"
                                    + " AND '2024-01-01T01:00:00.5Z'");
        }

        @Test
        void shouldExpandTimeFromAndTimeToToQuotedTimestamps() {
            assertThat(interpolate("onset <= $__timeTo() AND x >= $__timeFrom()", CONTEXT))
                    .isEqualTo("onset <= '2024-01-01T01:00:00.5Z' AND x >= '2024-01-01T00:00:00Z'");
        }

        @Test
        void shouldKeepQuotedColumnNamesInMacroArguments() {
            assertThat(interpolate("$__timeFilter(\"time\")", CONTEXT))
                    .startsWith("\"time\" BETWEEN ");
        }

        @Test
        void shouldExpandUnixEpochFilterAndGlobalsToEpochSeconds() {
            assertThat(interpolate("$__unixEpochFilter(ts)", CONTEXT))
                    .isEqualTo("ts >= 1704067200 AND ts <= 1704070800");
            assertThat(interpolate("$__unixEpochFrom() .. $__unixEpochTo()", CONTEXT))
                    .isEqualTo("1704067200 .. 1704070800");
        }

        @Test
        void shouldExpandTimeAndTimeEpochToTimeColumns() {
            assertThat(interpolate("SELECT $__time(t), $__timeEpoch(t)", CONTEXT))
                    .isEqualTo("SELECT t AS \"time\", extract(epoch from t) as \"time\"");
        }

        @Test
        void shouldExpandNanosecondEpochMacros() {
            assertThat(interpolate("$__unixEpochNanoFrom() $__unixEpochNanoTo()", CONTEXT))
                    .isEqualTo("1704067200000000000 1704070800500000000");
        }

        @Test
        void shouldRejectUnknownMacros() {
            assertThatThrownBy(() -> interpolate("SELECT $__timeFilterz(t)", CONTEXT))
                    .isInstanceOf(GrafanaQueryException.class)
                    .hasMessageContaining("unknown macro \"__timeFilterz\"");
        }
    }

    @Nested
    class TimeGroupMacros {

        @Test
        void shouldGroupByFlooredEpochSeconds() {
            assertThat(interpolate("SELECT $__timeGroup(onset, '5m') AS t", CONTEXT))
                    .isEqualTo("SELECT floor(extract(epoch from onset)/300)*300 AS t");
        }

        @Test
        void shouldAliasTheGroupAsTimeWithTimeGroupAlias() {
            assertThat(interpolate("$__timeGroupAlias(onset, 1h)", CONTEXT))
                    .isEqualTo("floor(extract(epoch from onset)/3600)*3600 AS \"time\"");
        }

        @Test
        void shouldAliasATimeGroupFollowedByACommaAsGrafanaBefore53Did() {
            assertThat(interpolate("SELECT $__timeGroup(onset, 1m), count(*)", CONTEXT))
                    .isEqualTo(
                            "SELECT floor(extract(epoch from onset)/60)*60 AS \"time\", count(*)");
        }

        @Test
        void shouldUseThePanelIntervalForDollarInterval() {
            QueryContext tenMinutes = CONTEXT.withInterval(Duration.ofMinutes(10));
            assertThat(interpolate("$__timeGroupAlias(t, $__interval)", tenMinutes))
                    .isEqualTo("floor(extract(epoch from t)/600)*600 AS \"time\"");
            assertThat(interpolate("x / $__interval_ms", tenMinutes)).isEqualTo("x / 600000");
        }

        @Test
        void shouldAcceptNullPreviousAndNumericFillModes() {
            assertThat(interpolate("$__timeGroup(t, 1m, NULL)", CONTEXT)).contains("/60)*60");
            assertThat(interpolate("$__timeGroup(t, 1m, previous)", CONTEXT)).contains("/60)");
            assertThat(interpolate("$__timeGroup(t, 1m, 0)", CONTEXT)).contains("/60)");
        }

        @Test
        void shouldRejectAnUnparsableFillValue() {
            assertThatThrownBy(() -> interpolate("$__timeGroup(t, 1m, zero)", CONTEXT))
                    .isInstanceOf(GrafanaQueryException.class)
                    .hasMessage("error parsing fill value zero");
        }

        @Test
        void shouldRejectATimeGroupWithoutInterval() {
            assertThatThrownBy(() -> interpolate("$__timeGroup(t)", CONTEXT))
                    .isInstanceOf(GrafanaQueryException.class)
                    .hasMessageContaining("needs time column and interval");
        }

        @Test
        void shouldRejectAnIntervalAfterANewlineBecauseGrafanaTrimsOnlySpaces() {
            assertThatThrownBy(() -> interpolate("$__timeGroup(t,\n  5m)", CONTEXT))
                    .isInstanceOf(GrafanaQueryException.class)
                    .hasMessageStartingWith("error parsing interval");
        }

        @Test
        void shouldGroupEpochColumnsWithUnixEpochGroupAlias() {
            assertThat(interpolate("$__unixEpochGroupAlias(ts, 30s)", CONTEXT))
                    .isEqualTo("floor((ts)/30)*30 AS \"time\"");
        }

        @Test
        void shouldPrintLargeAndFractionalIntervalsAsGoDoes() {
            assertThat(interpolate("$__timeGroup(t, 100ms, 0)", CONTEXT))
                    .isEqualTo("floor(extract(epoch from t)/0.1)*0.1");
            assertThat(interpolate("$__timeGroup(t, 2w, 0)", CONTEXT))
                    .isEqualTo("floor(extract(epoch from t)/1.2096e+06)*1.2096e+06");
        }
    }

    @Nested
    class TemplateVariables {

        private final QueryContext withDevice =
                CONTEXT.with(TemplateVariable.single("device", "engine-01"));

        @Test
        void shouldInsertASingleValueUnquotedInEverySyntax() {
            assertThat(interpolate("'$device' '${device}' '[[device]]'", withDevice))
                    .isEqualTo("'engine-01' 'engine-01' 'engine-01'");
        }

        @Test
        void shouldEscapeQuotesInASingleValue() {
            QueryContext context = CONTEXT.with(TemplateVariable.single("device", "o'brien"));
            assertThat(interpolate("device_id = '$device'", context))
                    .isEqualTo("device_id = 'o''brien'");
        }

        @Test
        void shouldQuoteEveryValueOfAMultiValueSelection() {
            TemplateVariable metric =
                    TemplateVariable.all("metric", List.of("a", "b", "c")).select(List.of("a"));
            assertThat(interpolate("metric IN ($metric)", CONTEXT.with(metric)))
                    .isEqualTo("metric IN ('a')");
            assertThat(
                            interpolate(
                                    "metric IN ($metric)",
                                    CONTEXT.with(metric.select(List.of("a", "it's")))))
                    .isEqualTo("metric IN ('a','it''s')");
        }

        @Test
        void shouldExpandAllToEveryOptionWithoutACustomAllValue() {
            TemplateVariable metric = TemplateVariable.all("metric", List.of("a", "b"));
            assertThat(interpolate("metric IN ($metric)", CONTEXT.with(metric)))
                    .isEqualTo("metric IN ('a','b')");
        }

        @Test
        void shouldInsertACustomAllValueVerbatim() {
            TemplateVariable family =
                    new TemplateVariable(
                            "family", true, true, "'%'", List.of("a"), List.of(), true);
            assertThat(interpolate("family LIKE $family", CONTEXT.with(family)))
                    .isEqualTo("family LIKE '%'");
        }

        @Test
        void shouldApplyCsvAndSqlstringFormats() {
            QueryContext context =
                    CONTEXT.with(TemplateVariable.all("metric", List.of("a", "b'c")))
                            .with(TemplateVariable.single("device", "d1"));
            assertThat(interpolate("${metric:csv}", context)).isEqualTo("a,b'c");
            assertThat(interpolate("${metric:sqlstring}", context)).isEqualTo("'a','b''c'");
            assertThat(interpolate("${device:sqlstring}", context)).isEqualTo("'d1'");
            assertThat(interpolate("[[metric:pipe]]", context)).isEqualTo("a|b'c");
            assertThat(interpolate("${metric:singlequote}", context)).isEqualTo("'a','b\\'c'");
        }

        @Test
        void shouldRejectAFormatItDoesNotKnow() {
            assertThatThrownBy(() -> interpolate("${device:lucene}", withDevice))
                    .isInstanceOf(GrafanaQueryException.class)
                    .hasMessageContaining("lucene");
        }

        @Test
        void shouldLeaveUnknownVariablesAndLongerNamesAlone() {
            assertThat(interpolate("SELECT $device_id, $unknown, $1", withDevice))
                    .isEqualTo("SELECT $device_id, $unknown, $1");
        }

        @Test
        void shouldReplaceVariablesInsideMacroArguments() {
            QueryContext context = withDevice.with(TemplateVariable.single("column", "onset"));
            assertThat(interpolate("$__timeFilter($column) AND d = '$device'", context))
                    .isEqualTo(
                            "onset BETWEEN '2024-01-01T00:00:00Z' AND '2024-01-01T01:00:00.5Z'"
                                    + " AND d = 'engine-01'");
        }

        @Test
        void shouldProvideTheRangeBuiltIns() {
            assertThat(interpolate("$__from $__to $__range_s ${__interval}", CONTEXT))
                    .isEqualTo("1704067200000 1704070800500 3601 1m");
        }
    }

    @Nested
    class Intervals {

        @Test
        void shouldNotGoBelowTheDataSourceMinimumOfOneMinute() {
            assertThat(
                            GrafanaInterval.calculate(
                                    FROM,
                                    FROM.plus(Duration.ofHours(1)),
                                    1000,
                                    GrafanaInterval.SQL_DATASOURCE_MIN_INTERVAL))
                    .isEqualTo(Duration.ofMinutes(1));
        }

        @Test
        void shouldRoundToGrafanasIntervalSteps() {
            assertThat(
                            GrafanaInterval.calculate(
                                    FROM, FROM.plus(Duration.ofDays(7)), 1000, Duration.ZERO))
                    .isEqualTo(Duration.ofMinutes(10));
            assertThat(GrafanaInterval.round(3_600)).isEqualTo(5_000);
        }

        @Test
        void shouldFormatByTheLargestWholeUnit() {
            assertThat(GrafanaInterval.format(Duration.ofMinutes(10))).isEqualTo("10m");
            assertThat(GrafanaInterval.format(Duration.ofSeconds(90))).isEqualTo("1m");
            assertThat(GrafanaInterval.format(Duration.ofMillis(200))).isEqualTo("200ms");
            assertThat(GrafanaInterval.format(Duration.ofDays(2))).isEqualTo("2d");
        }

        @Test
        void shouldParseGrafanaUnitsAndGoDurations() {
            Instant now = Instant.parse("2024-02-01T00:00:00Z");
            assertThat(GrafanaInterval.parse("1w", now)).isEqualTo(Duration.ofDays(7));
            assertThat(GrafanaInterval.parse("1M", now)).isEqualTo(Duration.ofDays(29));
            assertThat(GrafanaInterval.parse("1h30m", now)).isEqualTo(Duration.ofMinutes(90));
            assertThat(GrafanaInterval.parse("1.5s", now)).isEqualTo(Duration.ofMillis(1500));
            assertThatThrownBy(() -> GrafanaInterval.parse("5 minutes", now))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
