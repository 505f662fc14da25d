package dev.telemetry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableDiffTest {

    private static final List<String> KEY = List.of("device_id", "window_start");
    private static final List<String> COLUMNS =
            List.of("device_id", "window_start", "reading_count", "avg_value");

    @Test
    void shouldFindNoDifferenceBetweenIdenticalTables() {
        TableDiff.Rows rows = rows(row("a", "00:00", "60", "1.5"), row("b", "00:00", "59", "2.5"));

        TableDiff.TableResult result = TableDiff.diff(rows, rows);

        assertThat(result.identical()).isTrue();
        assertThat(result.examples()).isEmpty();
        assertThat(result.summary()).isEqualTo("t: 2 rows expected, 2 actual — identical");
    }

    @Test
    void shouldMatchRowsByPrimaryKeyAndNameEveryDifferingColumn() {
        TableDiff.Rows expected =
                rows(
                        row("a", "00:00", "60", "1.5"),
                        row("b", "00:00", "59", "2.5"),
                        row("c", "00:00", "60", null));
        TableDiff.Rows actual =
                rows(
                        row("a", "00:00", "60", "1.5"),
                        row("b", "00:00", "58", "2.25"),
                        row("d", "00:00", "1", "9.0"));

        TableDiff.TableResult result = TableDiff.diff(expected, actual);

        assertThat(result.identical()).isFalse();
        assertThat(result.missing()).isEqualTo(1);
        assertThat(result.unexpected()).isEqualTo(1);
        assertThat(result.changed()).isEqualTo(1);
        assertThat(result.examples())
                .containsExactly(
                        "changed    (device_id=b, window_start=00:00): reading_count expected 59"
                                + " but was 58; avg_value expected 2.5 but was 2.25",
                        "missing    (device_id=c, window_start=00:00)",
                        "unexpected (device_id=d, window_start=00:00): device_id=d"
                                + " window_start=00:00 reading_count=1 avg_value=9.0");
        assertThat(result.summary())
                .isEqualTo("t: 3 rows expected, 3 actual — 1 missing, 1 unexpected, 1 changed");
    }

    @Test
    void shouldReportTablesWhoseColumnsDiffer() {
        TableDiff.Rows expected = rows(row("a", "00:00", "60", "1.5"));
        TableDiff.Rows actual =
                new TableDiff.Rows("t", KEY, List.of("device_id", "window_start"), List.of());

        TableDiff.TableResult result = TableDiff.diff(expected, actual);

        assertThat(result.identical()).isFalse();
        assertThat(result.examples()).singleElement().asString().startsWith("columns differ");
    }

    @SafeVarargs
    private static TableDiff.Rows rows(List<String>... rows) {
        return new TableDiff.Rows("t", KEY, COLUMNS, List.of(rows));
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }
}
