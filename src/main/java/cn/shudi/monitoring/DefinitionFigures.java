package cn.shudi.monitoring;

import java.util.List;

/**
 * Per-step figures of one item in one jurisdiction (JSON of {@code GET …/process-definition/{id}}):
 * the runtime tab and the diagram overlay. All versions of the definition's key count, since a new
 * version of a blueprint keeps its step ids.
 */
record DefinitionFigures(String processDefinitionId, String key, String jurisdiction, String jurisdictionName,
    String code, String name, String domain, String now, int days, String since, long openCases,
    long openTasks, long overdueTasks, long openEscalations, long escalations, long openJointMeetings,
    long jointMeetings, List<Dashboard.ActivityFigures> activities) {
}
