package cn.shudi.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes catalog.csv text in the repository format: header comments, the header, one record per
 * item. Cells with line breaks, commas or quotes are quoted by commons-csv; lines end in \n as in git.
 */
final class CatalogCsvWriter {

  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  /**
   * @param recordLines the file line each record starts on, to point problems back at their source
   */
  record Written(String text, List<Long> recordLines) {
  }

  private CatalogCsvWriter() {
  }

  /** @param records cells in {@link CatalogColumns#HEADER} order */
  static Written write(String title, String version, LocalDate effectiveDate, List<List<String>> records) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(CatalogColumns.TITLE_KEY).append(": ").append(title).append('\n');
    out.append("# ").append(CatalogColumns.VERSION_KEY).append(": ").append(version).append('\n');
    out.append("# ").append(CatalogColumns.EFFECTIVE_DATE_KEY).append(": ").append(effectiveDate).append('\n');
    List<Long> lines = new ArrayList<>();
    try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
      printer.printRecord(CatalogColumns.HEADER);
      for (List<String> record : records) {
        lines.add(lineCount(out) + 1);
        printer.printRecord(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not fail
    }
    return new Written(out.toString(), List.copyOf(lines));
  }

  private static long lineCount(CharSequence text) {
    return text.chars().filter(c -> c == '\n').count();
  }
}
