package dev.faultline.report;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JUnit XML document with the JDK's DOM parser the way CI test reporters do: suites, their
 * count attributes, and per test case the one child (failure, error, skipped) that decides its outcome.
 */
final class JUnitXml {

    private JUnitXml() {
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    /** Every {@code <testsuite>}, whether it is the root or inside {@code <testsuites>}. */
    static List<Element> suites(Document doc) {
        return doc.getDocumentElement().getNodeName().equals("testsuite")
                ? List.of(doc.getDocumentElement())
                : children(doc.getDocumentElement(), "testsuite");
    }

    static List<Element> cases(Element suite) {
        return children(suite, "testcase");
    }

    static Element testCase(Element suite, String name) {
        return cases(suite).stream().filter(c -> c.getAttribute("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no testcase named " + name));
    }

    /** The case's outcome as a CI reporter decides it: the name of its outcome child, or {@code passed}. */
    static String outcome(Element testCase) {
        List<String> outcomes = new ArrayList<>();
        for (String name : List.of("failure", "error", "skipped")) {
            if (!children(testCase, name).isEmpty()) {
                outcomes.add(name);
            }
        }
        if (outcomes.size() > 1) {
            throw new AssertionError("testcase " + testCase.getAttribute("name") + " has more than one outcome: " + outcomes);
        }
        return outcomes.isEmpty() ? "passed" : outcomes.get(0);
    }

    static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        if (found.size() != 1) {
            throw new AssertionError("expected one <" + name + "> in <" + parent.getNodeName() + ">, found " + found.size());
        }
        return found.get(0);
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNodeName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }
}
