package org.cosell.deploy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.zjsonpatch.JsonPatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization as {@code kubectl kustomize} does, for the part of kustomize that
 * deploy/kubernetes uses: {@code resources} (files and kustomization directories), {@code namespace},
 * {@code labels} (without selectors), {@code images}, {@code patches} that are JSON 6902
 * operations or strategic merges of maps only, and a {@code configMapGenerator} of files without a
 * name suffix. Anything else in a kustomization fails the rendering,
 * so the manifests cannot come to rely on a feature this renderer would get wrong. Written here
 * because the tests must run with a JDK alone, without kubectl.
 */
final class Kustomization {

    static final ObjectMapper YAML = new YAMLMapper();

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "labels",
            "images", "patches", "configMapGenerator");
    /** Kinds kustomize leaves without a namespace. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CustomResourceDefinition", "ClusterRole",
            "ClusterRoleBinding", "PersistentVolume", "StorageClass", "PriorityClass");

    private Kustomization() {
    }

    static List<ObjectNode> render(Path directory) {
        ObjectNode kustomization = (ObjectNode) readAll(directory.resolve("kustomization.yaml")).get(0);
        kustomization.propertyNames().forEach(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(directory + ": kustomization field '" + field
                        + "' is not supported by this renderer (supported: " + SUPPORTED + ")");
            }
        });
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = directory.resolve(resource.asString()).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(render(path));
            } else {
                readAll(path).forEach(document -> objects.add((ObjectNode) document));
            }
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            objects.add(configMap(directory, generator));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(directory, patch, objects);
        }
        for (JsonNode labels : kustomization.path("labels")) {
            applyLabels(labels, objects);
        }
        for (JsonNode image : kustomization.path("images")) {
            objects.forEach(object -> setImage(object, image));
        }
        if (kustomization.hasNonNull("namespace")) {
            String namespace = kustomization.get("namespace").asString();
            objects.stream()
                    .filter(object -> !CLUSTER_SCOPED.contains(object.path("kind").asString()))
                    .forEach(object -> metadata(object).put("namespace", namespace));
        }
        return objects;
    }

    private static void applyPatch(Path directory, JsonNode patch, List<ObjectNode> objects) {
        Set<String> fields = Set.of("path", "patch", "target");
        patch.propertyNames().forEach(field -> {
            if (!fields.contains(field)) {
                throw new IllegalArgumentException(directory + ": patch field '" + field + "' is not supported");
            }
        });
        JsonNode content = patch.has("path")
                ? read(directory.resolve(patch.get("path").asString()))
                : YAML.readTree(patch.get("patch").asString());
        JsonNode target = patch.path("target");
        int patched = 0;
        for (int i = 0; i < objects.size(); i++) {
            ObjectNode object = objects.get(i);
            boolean matches = content.isArray() ? matches(object, target) : matchesStrategicMerge(object, content, target);
            if (matches) {
                objects.set(i, content.isArray()
                        ? (ObjectNode) JsonPatch.apply(content, object)
                        : merge(object, (ObjectNode) content, directory));
                patched++;
            }
        }
        if (patched == 0) {
            throw new IllegalArgumentException(directory + ": a patch matches no object: " + patch);
        }
    }

    /**
     * A ConfigMap of files, each under its file name or the key before {@code =}. Kustomize names the
     * ConfigMap with a hash of its content unless told not to; this renderer does not compute that
     * hash, so it takes only generators that turn it off. Like kustomize, it reads no file outside the
     * kustomization's directory.
     */
    private static ObjectNode configMap(Path directory, JsonNode generator) {
        Set<String> fields = Set.of("name", "files", "options");
        generator.propertyNames().forEach(field -> {
            if (!fields.contains(field)) {
                throw new IllegalArgumentException(directory + ": configMapGenerator field '" + field + "' is not supported");
            }
        });
        JsonNode options = generator.path("options");
        if (!options.path("disableNameSuffixHash").asBoolean(false)) {
            throw new IllegalArgumentException(directory + ": a configMapGenerator needs options.disableNameSuffixHash: true");
        }
        ObjectNode configMap = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode metadata = metadata(configMap).put("name", generator.path("name").asString());
        if (options.has("labels")) {
            metadata.set("labels", options.get("labels").deepCopy());
        }
        ObjectNode data = configMap.withObjectProperty("data");
        for (JsonNode entry : generator.path("files")) {
            String source = entry.asString();
            String key = source.contains("=") ? source.substring(0, source.indexOf('=')) : Path.of(source).getFileName().toString();
            Path file = directory.resolve(source.substring(source.indexOf('=') + 1)).normalize();
            if (!file.startsWith(directory.normalize())) {
                throw new IllegalArgumentException(directory + ": kustomize reads no file outside the kustomization: " + source);
            }
            try {
                data.put(key, Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(file.toString(), e);
            }
        }
        return configMap;
    }

    private static boolean matches(ObjectNode object, JsonNode target) {
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("a JSON 6902 patch needs a target");
        }
        String apiVersion = object.path("apiVersion").asString();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return (!target.has("group") || target.get("group").asString().equals(group))
                && (!target.has("version") || target.get("version").asString().equals(version))
                && (!target.has("kind") || target.get("kind").asString().equals(object.path("kind").asString()))
                && (!target.has("name") || target.get("name").asString().equals(metadata(object).path("name").asString()));
    }

    private static boolean matchesStrategicMerge(ObjectNode object, JsonNode patch, JsonNode target) {
        if (!target.isMissingNode()) {
            return matches(object, target);
        }
        return patch.path("kind").asString().equals(object.path("kind").asString())
                && patch.path("metadata").path("name").asString().equals(metadata(object).path("name").asString());
    }

    /** A strategic merge of maps: a list in the patch would need kustomize's merge keys, so it is refused. */
    private static ObjectNode merge(ObjectNode target, ObjectNode patch, Path directory) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            JsonNode value = field.getValue();
            if (value.isArray()) {
                throw new IllegalArgumentException(directory + ": a strategic-merge patch with a list ('"
                        + field.getKey() + "') is not supported; use JSON 6902 operations");
            }
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode existing) {
                merge(existing, (ObjectNode) value, directory);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
        return target;
    }

    private static void applyLabels(JsonNode labels, List<ObjectNode> objects) {
        if (labels.path("includeSelectors").asBoolean(false)) {
            throw new IllegalArgumentException("labels with includeSelectors are not supported");
        }
        for (ObjectNode object : objects) {
            ObjectNode pairs = (ObjectNode) labels.get("pairs");
            metadata(object).withObjectProperty("labels").setAll(pairs.deepCopy());
            JsonNode template = object.path("spec").path("template");
            if (labels.path("includeTemplates").asBoolean(false) && template.isObject()) {
                ((ObjectNode) template).withObjectProperty("metadata").withObjectProperty("labels").setAll(pairs.deepCopy());
            }
        }
    }

    private static void setImage(ObjectNode object, JsonNode image) {
        for (JsonNode container : object.path("spec").path("template").path("spec").path("containers")) {
            String current = container.path("image").asString();
            int tagAt = current.lastIndexOf(':') > current.lastIndexOf('/') ? current.lastIndexOf(':') : current.length();
            if (current.substring(0, tagAt).equals(image.path("name").asString())) {
                String name = image.has("newName") ? image.get("newName").asString() : current.substring(0, tagAt);
                String tag = image.has("newTag") ? ":" + image.get("newTag").asString() : current.substring(tagAt);
                ((ObjectNode) container).put("image", name + tag);
            }
        }
    }

    private static ObjectNode metadata(ObjectNode object) {
        return object.withObjectProperty("metadata");
    }

    static List<JsonNode> readAll(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> values = YAML.readerFor(JsonNode.class).readValues(file)) {
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    /** One document; a list of JSON 6902 operations stays a list (readAll would take its items for documents). */
    private static JsonNode read(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    static ArrayNode asArray(List<ObjectNode> objects) {
        ArrayNode array = YAML.createArrayNode();
        objects.forEach(array::add);
        return array;
    }
}
