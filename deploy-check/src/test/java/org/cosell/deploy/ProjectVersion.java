package org.cosell.deploy;

import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;

/** The version in the root pom.xml, which every image is tagged with. */
final class ProjectVersion {

    private ProjectVersion() {
    }

    static String of(Path repository) {
        try {
            Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(repository.resolve("pom.xml").toFile()).getDocumentElement();
            for (var child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element && element.getTagName().equals("version")) {
                    return element.getTextContent().trim();
                }
            }
            throw new IllegalStateException("pom.xml has no project version");
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the project version", e);
        }
    }
}
