package cn.shudi.security;

import java.beans.FeatureDescriptor;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.FunctionMapper;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;

import cn.shudi.reliability.RequestRefusedException;

/**
 * The engine's expression language, closed to everything but the {@link ExpressionPolicy}: whatever
 * evaluates an expression (a model's listener, condition, timer, mapping or delegate, a DMN input, a query, a
 * stored filter) meets the same resolvers.
 *
 * <ul>
 * <li>Names resolve to the allowed beans (first, so no variable can pose as one), then to the execution, the
 * task and the variables. The Spring context, engine services, mocks and process-application beans are not
 * resolvers here.</li>
 * <li>A method runs only on an allowed bean (its allowed names) and on the execution or the task (ids and
 * variable reads); a property is read only on the execution or the task, and on lists, maps and arrays by
 * index or key. Everything else, {@code getClass} on a string included, is refused.</li>
 * <li>No functions: {@code S()}, {@code now()}, {@code currentUser()} resolve to nothing, so a static method
 * is never reachable.</li>
 * <li>No expression is evaluated outside an execution, task or decision: queries and stored filters, which
 * Camunda 7.24 CE still evaluates inside {@code orQueries}, are refused here, whatever reached the engine.</li>
 * </ul>
 */
class SandboxedExpressionManager extends JuelExpressionManager {

  private final ExpressionPolicy policy;
  private final Function<String, Object> beanLookup;
  private final Map<String, Object> beans = new ConcurrentHashMap<>();
  /**
   * The allowed beans met so far, by instance: which bean a method call's base is. Copied on write (a dozen
   * beans, each written once), so the reads of every method call take no lock.
   */
  private volatile Map<Object, String> beanNames = new IdentityHashMap<>();

  /**
   * @param beanLookup finds a bean by name (the Spring context); asked lazily, when an expression first
   *     names the bean, because the engine is built before the platform's beans
   */
  SandboxedExpressionManager(ExpressionPolicy policy, Function<String, Object> beanLookup) {
    this.policy = policy;
    this.beanLookup = beanLookup;
  }

  @Override
  protected ELResolver createElResolver() {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new AllowedBeans());
    resolver.add(new VariableScopeElResolver());
    resolver.add(new VariableContextElResolver());
    resolver.add(new ArrayELResolver(true));
    resolver.add(new ListELResolver(true));
    resolver.add(new MapELResolver(true));
    resolver.add(new GuardedMembers());
    return resolver;
  }

  @Override
  protected FunctionMapper createFunctionMapper() {
    return new FunctionMapper() {
      @Override
      public Method resolveFunction(String prefix, String localName) {
        return null;
      }
    };
  }

  @Override
  public ELContext getElContext(VariableScope variableScope) {
    if (variableScope == null) {
      throw new RequestRefusedException("表达式只在流程执行中求值：查询和过滤器中不能使用表达式（docs/security.md）");
    }
    return super.getElContext(variableScope);
  }

  private Object bean(String name) {
    Object bean = beans.get(name);
    if (bean == null) {
      bean = remember(name);
    }
    return bean;
  }

  /**
   * Indexes the bean by instance before it can be found by name: a thread that finds it by name must also find
   * it allowed (else the job executor's threads, meeting a bean at once, were refused).
   */
  private synchronized Object remember(String name) {
    Object bean = beans.get(name);
    if (bean == null) {
      bean = beanLookup.apply(name);
      Map<Object, String> names = new IdentityHashMap<>(beanNames);
      names.put(bean, name);
      beanNames = names;
      beans.put(name, bean);
    }
    return bean;
  }

  static ELException refused(String what) {
    return new ELException("表达式被安全沙箱拒绝：" + what + "（允许的 Bean 与方法见 docs/security.md）");
  }

  private static String describe(Object base) {
    return base instanceof DelegateExecution ? "execution" : base instanceof DelegateTask ? "task"
        : base.getClass().getSimpleName();
  }

  /** Top-level names of the allowed beans; every other name passes on to the variables. */
  private final class AllowedBeans extends ReadOnlyResolver {
    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      if (base == null && property instanceof String name && policy.isBean(name)) {
        Object bean = bean(name);
        context.setPropertyResolved(true);
        return bean;
      }
      return null;
    }
  }

  /** The last resolver: every property read and method call that reaches it is checked against the policy. */
  private final class GuardedMembers extends ReadOnlyResolver {
    private final BeanELResolver reflection = new BeanELResolver(true);

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      if (base == null) {
        return null;
      }
      String name = String.valueOf(property);
      if (!allowsMember(base, ExpressionPolicy.getter(name), false)) {
        throw refused("不能读取 " + describe(base) + " 的属性「" + name + "」");
      }
      return reflection.getValue(context, base, property);
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
      if (base == null || method == null) {
        return null;
      }
      String name = method.toString();
      if (!allowsMember(base, name, true)) {
        throw refused("不能调用 " + describe(base) + " 的方法「" + name + "」");
      }
      return reflection.invoke(context, base, method, paramTypes, params);
    }

    private boolean allowsMember(Object base, String method, boolean call) {
      String bean = beanNames.get(base);
      if (bean != null) {
        return call && policy.allowsMethod(bean, method);
      }
      if (base instanceof DelegateExecution) {
        return ExpressionPolicy.EXECUTION_MEMBERS.contains(method);
      }
      if (base instanceof DelegateTask) {
        return ExpressionPolicy.TASK_MEMBERS.contains(method);
      }
      return false;
    }
  }

  /** A resolver that never writes, describes nothing and resolves nothing unless it says so. */
  private abstract static class ReadOnlyResolver extends ELResolver {
    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
      return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
      if (base != null) {
        throw refused("表达式不能修改对象的属性「" + property + "」");
      }
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
      return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
      return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
      return null;
    }
  }
}
