package cn.shudi.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.impl.variable.serializer.VariableSerializerFactory;
import org.camunda.bpm.engine.impl.variable.serializer.VariableSerializers;
import org.camunda.bpm.engine.runtime.DeserializationTypeValidator;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.type.ValueTypeResolver;
import org.camunda.bpm.engine.variable.value.TypedValue;

import cn.shudi.reliability.RequestRefusedException;

/**
 * The value types a variable may have. Staff's forms send text, numbers, dates, yes/no and JSON (form-js
 * arrays); the platform stores the same. Java objects (in any serialization format), bytes, files and XML are
 * neither accepted nor stored, on three walls:
 *
 * <ol>
 * <li>{@link #restTypes}: the type names the REST API and the webapps' API resolve. {@code "type": "Object"}
 * (or Bytes, File, Xml) is refused with 400 while the request is read, transient variables included.</li>
 * <li>{@link #guard}: the engine's serializers. Whatever sets a variable of such a type (a request, a model's
 * mapping, a bean) is refused before anything is written, so none is ever stored.</li>
 * <li>{@link #deserialization}: Camunda's deserialization type validation with an empty allow-list. The
 * platform stores no Java object, so none may be built from the database either (a row from before these
 * walls, or written around them, is refused when read, never instantiated).</li>
 * </ol>
 */
final class VariableTypes {

  /** Type names (as the engine knows them) no one may send or store. */
  static final Set<String> REFUSED = Set.of("object", "bytes", "file", "xml");

  private static final String ALLOWED = "String、Boolean、Short、Integer、Long、Double、Date、Json 和 Null";

  private VariableTypes() {
  }

  static ValueTypeResolver restTypes(ValueTypeResolver engineTypes) {
    return new ValueTypeResolver() {
      @Override
      public void addType(ValueType type) {
        engineTypes.addType(type);
      }

      @Override
      public ValueType typeForName(String name) {
        if (name != null && REFUSED.contains(name.toLowerCase(Locale.ROOT))) {
          throw new RequestRefusedException("不接受「" + name.substring(0, 1).toUpperCase(Locale.ROOT)
              + name.substring(1) + "」类型的变量：变量只能是 " + ALLOWED);
        }
        return engineTypes.typeForName(name);
      }

      @Override
      public Collection<ValueType> getSubTypes(ValueType type) {
        return engineTypes.getSubTypes(type);
      }
    };
  }

  static VariableSerializers guard(VariableSerializers serializers) {
    return new GuardedSerializers(serializers);
  }

  /** Allows no class: the platform deserializes no Java object from a variable. */
  static DeserializationTypeValidator deserialization() {
    return className -> false;
  }

  static boolean isRefused(TypedValueSerializer<?> serializer) {
    ValueType type = serializer.getType();
    return type != null && REFUSED.contains(type.getName()); // the engine's type names are in lower case
  }

  /** Hands out the engine's serializers, each of a refused type wrapped so that it never writes. */
  private static final class GuardedSerializers implements VariableSerializers {
    private final VariableSerializers engine;

    GuardedSerializers(VariableSerializers engine) {
      this.engine = engine;
    }

    @Override
    public TypedValueSerializer findSerializerForValue(TypedValue value, VariableSerializerFactory fallback) {
      return guarded(engine.findSerializerForValue(value, fallback));
    }

    @Override
    public TypedValueSerializer findSerializerForValue(TypedValue value) {
      return guarded(engine.findSerializerForValue(value));
    }

    @Override
    public TypedValueSerializer<?> getSerializerByName(String name) {
      return guarded(engine.getSerializerByName(name));
    }

    @Override
    public VariableSerializers addSerializer(TypedValueSerializer<?> serializer) {
      engine.addSerializer(serializer);
      return this;
    }

    @Override
    public VariableSerializers addSerializer(TypedValueSerializer<?> serializer, int index) {
      engine.addSerializer(serializer, index);
      return this;
    }

    @Override
    public VariableSerializers removeSerializer(TypedValueSerializer<?> serializer) {
      engine.removeSerializer(unwrapped(serializer));
      return this;
    }

    @Override
    public int getSerializerIndex(TypedValueSerializer<?> serializer) {
      return engine.getSerializerIndex(unwrapped(serializer));
    }

    @Override
    public int getSerializerIndexByName(String name) {
      return engine.getSerializerIndexByName(name);
    }

    @Override
    public VariableSerializers join(VariableSerializers other) {
      return new GuardedSerializers(engine.join(other));
    }

    @Override
    public List<TypedValueSerializer<?>> getSerializers() {
      return engine.getSerializers().stream().<TypedValueSerializer<?>>map(GuardedSerializers::guarded)
          .collect(Collectors.toList());
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static TypedValueSerializer guarded(TypedValueSerializer serializer) {
      if (serializer == null || serializer instanceof NeverWrites || !isRefused(serializer)) {
        return serializer;
      }
      return new NeverWrites(serializer);
    }

    private static TypedValueSerializer<?> unwrapped(TypedValueSerializer<?> serializer) {
      return serializer instanceof NeverWrites<?> wrapper ? wrapper.engine : serializer;
    }
  }

  /** A serializer of a refused type: reads what is there (through the validation), writes nothing. */
  private static final class NeverWrites<T extends TypedValue> implements TypedValueSerializer<T> {
    private final TypedValueSerializer<T> engine;

    NeverWrites(TypedValueSerializer<T> engine) {
      this.engine = engine;
    }

    @Override
    public void writeValue(T value, ValueFields fields) {
      throw new RequestRefusedException("变量「" + fields.getName() + "」是「" + engine.getType().getName()
          + "」类型，本平台不保存这类变量：变量只能是 " + ALLOWED);
    }

    @Override
    public String getName() {
      return engine.getName();
    }

    @Override
    public ValueType getType() {
      return engine.getType();
    }

    @Override
    public T readValue(ValueFields fields, boolean deserialize, boolean isTransient) {
      return engine.readValue(fields, deserialize, isTransient);
    }

    @Override
    public boolean canHandle(TypedValue value) {
      return engine.canHandle(value);
    }

    @Override
    public T convertToTypedValue(UntypedValueImpl untyped) {
      return engine.convertToTypedValue(untyped);
    }

    @Override
    public String getSerializationDataformat() {
      return engine.getSerializationDataformat();
    }

    @Override
    public boolean isMutableValue(T value) {
      return engine.isMutableValue(value);
    }
  }
}
