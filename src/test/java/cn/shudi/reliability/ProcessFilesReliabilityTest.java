package cn.shudi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;

/**
 * Every process under {@code processes/} (both counties' blueprints and the shared processes): its history
 * has a time to live (the cleanup removes nothing without one, and Camunda refuses to deploy a process without
 * one unless a default is set), and every join where parallel paths meet runs as a job, so a township and a
 * department finishing at the same instant never make one of them fail.
 */
class ProcessFilesReliabilityTest {

  static List<Path> processFiles() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("processes"))) {
      // the case patterns' fragments run only inside the blueprints that copy them
      return files.filter(f -> f.toString().endsWith(".bpmn")).filter(f -> !f.startsWith(Path.of("processes", "patterns")))
          .sorted().toList();
    }
  }

  @Test
  void everyProcessHasAHistoryTimeToLiveAndEveryJoinRunsAsAJob() throws Exception {
    List<Path> files = processFiles();
    assertThat(files).as("blueprints of both counties and the shared processes").hasSizeGreaterThan(150);
    List<String> problems = new ArrayList<>();
    int joins = 0;
    for (Path file : files) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      for (Process process : model.getModelElementsByType(Process.class)) {
        String ttl = process.getCamundaHistoryTimeToLiveString();
        if (ttl == null || ttl.isBlank()) {
          problems.add(file + ": process " + process.getId() + " has no camunda:historyTimeToLive");
        } else if (ttl.startsWith("P")) {
          new DurationHelper(ttl); // a valid ISO-8601 period, or this throws
        } else if (Integer.parseInt(ttl) <= 0) {
          problems.add(file + ": time to live " + ttl);
        }
      }
      for (Gateway gateway : model.getModelElementsByType(Gateway.class)) {
        boolean joining = (gateway instanceof ParallelGateway || gateway instanceof InclusiveGateway)
            && gateway.getIncoming().size() > 1;
        if (joining) {
          joins++;
          if (!gateway.isCamundaAsyncBefore()) {
            problems.add(file + ": join " + gateway.getId() + " is not camunda:asyncBefore");
          }
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(joins).as("joins checked").isGreaterThan(50);
  }
}
