package dev.stateforge.generate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedConstructor;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The one YAML format of the output, shared by the files and the patches inside overlays. Same
 * objects give the same bytes on any machine: LF line breaks whatever the platform, map keys
 * sorted, field order from the model's property order, strings quoted only where YAML would misread
 * them, nulls left out.
 *
 * <p>The same mapper makes the objects' JSON trees ({@link ObjectTrees#toTree}), so each model class
 * is introspected once per JVM, not once for the trees and again for the YAML.
 */
public final class YamlFormat {
  public static final YAMLMapper MAPPER = YAMLMapper.builder(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .disable(YAMLGenerator.Feature.USE_PLATFORM_LINE_BREAKS)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .build())
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .annotationIntrospector(new SerializingModel())
      .build();

  private YamlFormat() {}

  /**
   * Serializing a fabric8 model class needs no constructor, but Jackson looks at each one anyway and
   * resolves every parameter's type (the all-arguments constructors name every field's class): a
   * fifth of the start-up's serializer set-up. Their parameters carry no names or annotations, so
   * they cannot rename or add a property; marking them disabled for serialization skips that look.
   * Reading ({@code treeToValue}) still sees them, and records keep their canonical constructor.
   */
  static final class SerializingModel extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonCreator.Mode findCreatorAnnotation(MapperConfig<?> config, Annotated a) {
      if (config instanceof SerializationConfig && a instanceof AnnotatedConstructor c
          && c.getDeclaringClass().getName().startsWith("io.fabric8.")) {
        return JsonCreator.Mode.DISABLED;
      }
      return super.findCreatorAnnotation(config, a);
    }
  }
}
