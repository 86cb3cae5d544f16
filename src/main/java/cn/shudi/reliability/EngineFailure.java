package cn.shudi.reliability;

/**
 * What went wrong in a request, told to the user as an HTTP status and a message in Camunda's error format
 * ({@code {"type": …, "message": …}}) instead of the engine's 404/500 and its technical text.
 *
 * @param status the HTTP status the request answers
 * @param type the {@code type} of the error body (what Tasklist and REST clients may switch on)
 * @param message what the user reads
 */
record EngineFailure(int status, String type, String message) {

  /** The task was completed by someone else (or in another window) before this request. */
  public static final EngineFailure TASK_ALREADY_COMPLETED = new EngineFailure(409, "TaskAlreadyCompletedException",
      "该任务已由他人办理完毕，请刷新待办列表");

  /**
   * The task is not there (never was, or ended) and the caller could not have worked on it: the same answer
   * for both, so a guessed id tells nothing.
   */
  public static final EngineFailure TASK_NOT_FOUND = new EngineFailure(404, "TaskNotFoundException",
      "任务不存在或已结束，请刷新待办列表");

  /**
   * A record of another jurisdiction (tenant) named by id: the engine refuses with a 500 and a text saying
   * the record exists; the user gets the answer of a record that does not exist.
   */
  public static final EngineFailure NOT_FOUND = new EngineFailure(404, "NotFoundException", "记录不存在或无权查看");

  /** Another request changed the same case at the same moment; nothing of this request was saved. */
  public static final EngineFailure CONCURRENT_UPDATE = new EngineFailure(409, "ConcurrentUpdateException",
      "该案件正由他人同时办理，本次提交未保存，请刷新后重试");

  /** The database cannot be reached; nothing of this request was saved. */
  public static final EngineFailure DATABASE_UNAVAILABLE = new EngineFailure(503, "DatabaseUnavailableException",
      "数据库暂时无法连接，本次操作未保存，请稍后重试");
}
