package cn.shudi.datafile;

import java.util.List;
import java.util.stream.Collectors;

/** A data file was rejected whole; carries every problem found, not only the first. */
public class InvalidDataException extends RuntimeException {

  private final transient List<DataProblem> problems;

  public InvalidDataException(String what, List<DataProblem> problems) {
    super(what + "：发现 " + problems.size() + " 处错误，已整体拒绝，未写入任何数据\n"
        + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<DataProblem> problems() {
    return problems;
  }
}
