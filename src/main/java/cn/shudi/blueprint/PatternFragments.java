package cn.shudi.blueprint;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;

import cn.shudi.catalog.CasePattern;

/**
 * The hand-designed fragments of the case patterns, {@code processes/patterns/<key>.bpmn} on the classpath: what a
 * step that follows a pattern runs inside its sub-process. Read once; a missing or unreadable fragment stops the
 * generation with its file name.
 */
final class PatternFragments {

  static final String FOLDER = "processes/patterns/";

  private static final Map<CasePattern, BpmnModelInstance> READ = new EnumMap<>(CasePattern.class);

  private PatternFragments() {
  }

  static String file(CasePattern pattern) {
    return FOLDER + pattern.key() + ".bpmn";
  }

  /** The fragment's process ({@code pattern_<key>}), with its diagram in the same model. */
  static synchronized Process process(CasePattern pattern) {
    BpmnModelInstance model = READ.computeIfAbsent(pattern, PatternFragments::read);
    Process process = model.getModelElementById("pattern_" + pattern.key());
    if (process == null) {
      throw new IllegalStateException(file(pattern) + " 中没有流程 pattern_" + pattern.key());
    }
    return process;
  }

  private static BpmnModelInstance read(CasePattern pattern) {
    try (InputStream in = PatternFragments.class.getClassLoader().getResourceAsStream(file(pattern))) {
      if (in == null) {
        throw new IllegalStateException("找不到案件模式「" + pattern.label() + "」的片段 " + file(pattern));
      }
      return Bpmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new IllegalStateException("无法读取 " + file(pattern) + "：" + e.getMessage(), e);
    }
  }
}
