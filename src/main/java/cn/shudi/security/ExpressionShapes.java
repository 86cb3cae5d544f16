package cn.shudi.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.impl.juel.AstBinary;
import org.camunda.bpm.impl.juel.AstBoolean;
import org.camunda.bpm.impl.juel.AstChoice;
import org.camunda.bpm.impl.juel.AstComposite;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstEval;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNull;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstParameters;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.AstText;
import org.camunda.bpm.impl.juel.AstUnary;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * The shapes an expression in a deployed model may have, checked on its syntax tree before the model is
 * stored: literals, variable names, comparisons, arithmetic, {@code empty}/{@code not}/{@code ?:}, calls of
 * the allowed methods of allowed beans ({@code ${deadlines.after('5个工作日')}}), and reads on the execution
 * and the task ({@code execution.getVariable('x')}, {@code task.execution}). A delegate expression is exactly
 * one allowed bean ({@code ${caseOpening}}). Anything else, and anything that does not parse, is refused; the
 * engine's {@link SandboxedExpressionManager} would refuse it again when it runs.
 */
final class ExpressionShapes {

  private static final Set<Class<?>> PLAIN = Set.of(AstComposite.class, AstEval.class, AstNested.class,
      AstParameters.class, AstBinary.class, AstUnary.class, AstChoice.class, AstText.class, AstString.class,
      AstNumber.class, AstBoolean.class, AstNull.class);

  private enum Target { EXECUTION, TASK }

  private final ExpressionPolicy policy;
  private final Builder parser = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

  ExpressionShapes(ExpressionPolicy policy) {
    this.policy = policy;
  }

  /** What is wrong with the text of one attribute or element, empty when every expression in it is allowed. */
  List<String> check(String text, boolean delegate) {
    Node root;
    try {
      root = parser.build(text).getRoot();
    } catch (TreeBuilderException e) {
      return List.of("「" + text + "」不是合法的表达式（" + e.getMessage() + "）");
    }
    List<String> problems = new ArrayList<>();
    if (delegate) {
      String bean = delegateBean(root);
      if (bean == null) {
        problems.add("委托表达式「" + text + "」只能是一个白名单中的 Bean，如 ${caseOpening}");
      }
      return problems;
    }
    visit(root, text, problems);
    return problems;
  }

  private String delegateBean(Node root) {
    Node eval = root instanceof AstEval ? root : null;
    if (eval != null && eval.getChild(0) instanceof AstIdentifier identifier && policy.isBean(identifier.getName())) {
      return identifier.getName();
    }
    return null;
  }

  private void visit(Node node, String text, List<String> problems) {
    if (node instanceof AstMethod method) {
      checkCall(method, text, problems);
      visit(method.getChild(1), text, problems);
    } else if (node instanceof AstDot dot) {
      String property = name(dot);
      Target target = target(dot.getChild(0));
      if (target == null || !allowsMember(target, ExpressionPolicy.getter(property))) {
        problems.add("「" + text + "」读取了「" + property + "」：表达式只能读取 execution 和 task 的编号与变量");
      }
    } else if (node instanceof AstIdentifier identifier) {
      if (policy.isBean(identifier.getName())) {
        problems.add("「" + text + "」把 Bean「" + identifier.getName() + "」当作值使用：Bean 只能以 "
            + identifier.getName() + ".方法(…) 的形式调用");
      }
    } else if (node instanceof AstFunction function) {
      problems.add("「" + text + "」调用了函数「" + function.getName() + "」：表达式中不允许使用函数");
    } else if (node != null && PLAIN.contains(node.getClass())) {
      for (int i = 0; i < node.getCardinality(); i++) {
        visit(node.getChild(i), text, problems);
      }
    } else if (node != null) {
      problems.add("「" + text + "」含有不允许的表达式写法（" + node + "）：只允许变量、比较、运算和白名单 Bean 的方法调用");
    }
  }

  private void checkCall(AstMethod method, String text, List<String> problems) {
    if (!(method.getChild(0) instanceof AstDot dot)) {
      problems.add("「" + text + "」以下标方式调用方法：只允许 Bean.方法(…) 的写法");
      return;
    }
    String name = name(dot);
    Node base = dot.getChild(0);
    if (base instanceof AstIdentifier identifier && policy.isBean(identifier.getName())) {
      if (!policy.allowsMethod(identifier.getName(), name)) {
        problems.add("「" + text + "」调用了 " + identifier.getName() + "." + name + "：该方法不在 Bean「"
            + identifier.getName() + "」的白名单中（允许：" + String.join("、", policy.beans().get(identifier.getName()))
            + "）");
      }
      return;
    }
    Target target = target(base);
    if (target == null) {
      problems.add("「" + text + "」调用了方法「" + name + "」：表达式只能调用白名单 Bean 的方法和 execution、task 的读取方法");
      visit(base, text, problems);
    } else if (!allowsMember(target, name)) {
      problems.add("「" + text + "」调用了 " + target.name().toLowerCase() + "." + name
          + "：execution 和 task 上只允许读取编号与变量");
    }
  }

  /** The execution or the task a node stands for: {@code execution}, {@code task}, {@code task.execution}. */
  private static Target target(Node node) {
    if (node instanceof AstIdentifier identifier) {
      return switch (identifier.getName()) {
        case "execution" -> Target.EXECUTION;
        case "task" -> Target.TASK;
        default -> null;
      };
    }
    if (node instanceof AstDot dot && name(dot).equals("execution") && target(dot.getChild(0)) == Target.TASK) {
      return Target.EXECUTION;
    }
    return null;
  }

  private static boolean allowsMember(Target target, String method) {
    return (target == Target.EXECUTION ? ExpressionPolicy.EXECUTION_MEMBERS : ExpressionPolicy.TASK_MEMBERS)
        .contains(method);
  }

  /** The property of {@code a.b}: JUEL prints the node as ". b". */
  private static String name(AstDot dot) {
    return dot.toString().substring(2);
  }
}
