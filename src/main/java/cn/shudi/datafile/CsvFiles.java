package cn.shudi.datafile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reading the platform's UTF-8 CSV data files with commons-csv, with the header checked. */
public final class CsvFiles {

  private CsvFiles() {
  }

  /** The format of all data files: first line is the header, `#` starts a comment line. */
  public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
      .setHeader()
      .setSkipHeaderRecord(true)
      .setCommentMarker('#')
      .setIgnoreSurroundingSpaces(true)
      .setIgnoreEmptyLines(true)
      .get();

  /** Strict UTF-8: a file saved in GBK must fail loudly, not turn into mojibake. */
  public static Reader utf8(InputStream in) throws IOException {
    PushbackReader reader = new PushbackReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)));
    int first = reader.read();
    if (first != -1 && first != '\uFEFF') { // Excel writes a byte-order mark; it is not part of the header
      reader.unread(first);
    }
    return reader;
  }

  public static CSVParser parse(Reader reader) throws IOException {
    return CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
  }

  /**
   * Checks that the header is exactly the expected columns, in order.
   *
   * @return a problem naming the expected columns, or null when the header is right
   */
  public static DataProblem checkHeader(String file, CSVParser parser, List<String> expected) {
    List<String> actual = parser.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "").trim()).toList();
    if (actual.equals(expected)) {
      return null;
    }
    return new DataProblem(file, 1, null,
        "表头不正确：应为「" + String.join(",", expected) + "」，实际为「" + String.join(",", actual) + "」");
  }

  public static boolean isEncodingError(IOException e) {
    return e instanceof CharacterCodingException
        || (e.getCause() instanceof CharacterCodingException);
  }

  /** A record with the file line it starts on. */
  public record Row(long line, CSVRecord record) {
    public String get(String column) {
      return record.get(column);
    }
  }

  /** Where the bytes of a data file come from. */
  @FunctionalInterface
  public interface Source {
    InputStream open() throws IOException;
  }

  /**
   * Reads every record of a CSV file whose header must be exactly {@code header}. Problems (bad
   * encoding, header, column count) are added to {@code problems}; the rows that are well-formed are
   * returned.
   */
  public static List<Row> read(String file, Source source, List<String> header, List<DataProblem> problems) {
    try (InputStream in = source.open(); Reader reader = utf8(in); CSVParser parser = parse(reader)) {
      DataProblem headerProblem = checkHeader(file, parser, header);
      if (headerProblem != null) {
        problems.add(headerProblem);
        return List.of();
      }
      List<Row> rows = new ArrayList<>();
      long headerLine = parser.getCurrentLineNumber();
      long previousEnd = headerLine;
      for (CSVRecord record : parser) {
        long start = previousEnd + 1;
        previousEnd = parser.getCurrentLineNumber();
        if (record.size() != header.size()) {
          problems.add(new DataProblem(file, start, null,
              "应有 " + header.size() + " 列，实际 " + record.size() + " 列"));
          continue;
        }
        rows.add(new Row(start, record));
      }
      return rows;
    } catch (IOException | UncheckedIOException e) {
      IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      String why = isEncodingError(io) ? "不是 UTF-8 编码（请另存为 UTF-8）" : "无法读取：" + io.getMessage();
      problems.add(DataProblem.ofFile(file, why));
      return List.of();
    } catch (IllegalStateException | IllegalArgumentException e) {
      problems.add(DataProblem.ofFile(file, "CSV 格式错误：" + e.getMessage()));
      return List.of();
    }
  }
}
