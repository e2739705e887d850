package io.shopsense.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation YAML into plain maps and lists, turning the short tags ({@code !Ref}, {@code !Sub},
 * {@code !GetAtt}, {@code !If}, …) into their long form ({@code {"Ref": …}}, {@code {"Fn::Sub": …}}), as
 * CloudFormation itself does before evaluating anything.
 */
public final class CfnYaml {
    private static final List<String> FUNCTIONS = List.of(
            "Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub",
            "Transform", "And", "Equals", "If", "Not", "Or", "Length", "ToJsonString");

    private CfnYaml() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object document = new Yaml(new TagConstructor()).load(reader);
            if (!(document instanceof Map<?, ?> map)) {
                throw new IOException(file + " is not a CloudFormation template (no top-level mapping)");
            }
            return (Map<String, Object>) map;
        }
    }

    /** SafeConstructor plus one construct per intrinsic tag. */
    private static final class TagConstructor extends SafeConstructor {
        TagConstructor() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String name : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + name), new Intrinsic("Fn::" + name));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                return Map.of(key, value(node));
            }

            private Object value(Node node) {
                if (node instanceof ScalarNode scalar) {
                    String text = scalar.getValue();
                    // !GetAtt Resource.Attribute is the short form of [Resource, Attribute].
                    if (key.equals("Fn::GetAtt") && text.contains(".")) {
                        int dot = text.indexOf('.');
                        return Arrays.asList(text.substring(0, dot), text.substring(dot + 1));
                    }
                    return text;
                }
                if (node instanceof SequenceNode sequence) {
                    List<Object> items = new ArrayList<>();
                    for (Node child : sequence.getValue()) {
                        items.add(constructObject(child));
                    }
                    return items;
                }
                if (node instanceof MappingNode mapping) {
                    return constructMapping(mapping);
                }
                throw new IllegalArgumentException("unsupported node for !" + key + ": " + node.getNodeId());
            }
        }
    }
}
