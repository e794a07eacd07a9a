package org.karabakh.gephicheck;

import java.io.File;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Element;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Interval;
import org.gephi.graph.api.Node;
import org.gephi.graph.api.Table;
import org.gephi.graph.api.TimeFormat;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.EdgeMergeStrategy;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

/**
 * Imports one GEXF or GraphML file with Gephi's importer, as Gephi's File &gt; Open does
 * with its default settings (the importer chosen by extension, the default processor
 * appending into a new workspace), and prints a JSON summary on stdout.
 *
 * <p>Usage: {@code java -jar gephi-check.jar [--merge STRATEGY] FILE...}: one JSON object
 * per file, one per line. {@code --merge} sets the import dialog's "Edges merge strategy"
 * (an {@link EdgeMergeStrategy} name, e.g. {@code NO_MERGE}: "Don't merge"); without it,
 * Gephi's default applies. Exit status 0 when every file was imported (whatever the
 * reports say), 2 when Gephi could not import one at all.
 * Anything Gephi prints while importing goes to stderr, so stdout holds only the JSON.
 */
public final class GephiCheck {

    private GephiCheck() {
    }

    public static void main(String[] args) throws Exception {
        String merge = null;
        List<File> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--merge") && i + 1 < args.length) {
                merge = args[++i];
            } else if (!args[i].startsWith("--")) {
                files.add(new File(args[i]));
            } else {
                files.clear();
                break;
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: java -jar gephi-check.jar [--merge STRATEGY] FILE...");
            System.exit(64);
        }
        PrintStream out = System.out;
        System.setOut(System.err);
        int status = 0;
        try {
            for (File file : files) {
                Json j = new Json();
                status = Math.max(status, check(file, merge, j));
                out.println(j);
                out.flush();
            }
        } finally {
            System.setOut(out);
        }
        System.exit(status);
    }

    /**
     * @param merge null for Gephi's default edge merge strategy, else the name of an
     *     {@link EdgeMergeStrategy} (the import dialog's "Edges merge strategy")
     */
    static int check(File file, String merge, Json j) throws Exception {
        ProjectController pc = Lookup.getDefault().lookup(ProjectController.class);
        pc.newProject();
        Workspace workspace = pc.getCurrentWorkspace();
        ImportController importer = Lookup.getDefault().lookup(ImportController.class);

        j.open('{');
        j.key("file").value(file.getPath());
        Container container = importer.importFile(file);
        if (container == null) {
            j.key("imported").value(false);
            j.close('}');
            return 2;
        }
        j.key("imported").value(true);
        if (merge != null) {
            container.getLoader().setEdgesMergeStrategy(EdgeMergeStrategy.valueOf(merge));
        }
        j.key("merge_strategy").value(String.valueOf(container.getUnloader().getEdgesMergeStrategy()));
        j.key("importer").value(importer.getFileImporter(file).getClass().getSimpleName());
        j.key("container").open('{');
        j.key("nodes").value(container.getUnloader().getNodeCount());
        j.key("edges").value(container.getUnloader().getEdgeCount());
        j.key("mutual_edges").value(container.getUnloader().getMutualEdgeCount());
        j.key("edge_default").value(String.valueOf(container.getUnloader().getEdgeDefault()));
        j.key("dynamic").value(container.isDynamicGraph());
        j.key("dynamic_attributes").value(container.hasDynamicAttributes());
        j.key("multigraph").value(container.isMultiGraph());
        j.key("self_loops").value(container.hasSelfLoops());
        j.key("auto_scale").value(container.getUnloader().isAutoScale());
        j.close('}');

        // Read the import report before processing: processing cleans it.
        List<Issue> importIssues = new ArrayList<>(container.getReport().getIssuesList(Integer.MAX_VALUE));
        String importText = container.getReport().getText(false);

        DefaultProcessor processor = new DefaultProcessor();
        importer.process(container, processor, workspace);

        // Issues logged while processing reach both the container's and the processor's
        // report: each is listed once (a process issue equal in level and message to an
        // import one not yet matched is that one).
        List<Issue> issues = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        collect(importIssues, "import", issues, stages, seen);
        if (processor.getReport() != null) {
            collect(processor.getReport().getIssuesList(Integer.MAX_VALUE), "process", issues,
                    stages, seen);
        }
        j.key("issues").open('[');
        for (int i = 0; i < issues.size(); i++) {
            Issue issue = issues.get(i);
            j.open('{');
            j.key("stage").value(stages.get(i));
            j.key("level").value(issue.getLevel().name());
            j.key("message").value(issue.getMessage());
            j.close('}');
        }
        j.close(']');
        // The reports' whole text: issues and the importer's log lines (e.g. how many
        // edges were loaded and merged), which are not issues.
        j.key("report").value(importText);
        j.key("processor_report").value(processor.getReport() == null ? null
                                        : processor.getReport().getText(false));

        GraphModel model = Lookup.getDefault().lookup(GraphController.class).getGraphModel(workspace);
        Graph graph = model.getGraph();
        TimeFormat timeFormat = model.getTimeFormat();
        int directed = 0;
        int undirected = 0;
        for (Edge e : graph.getEdges()) {
            if (e.isDirected()) {
                directed++;
            } else {
                undirected++;
            }
        }
        j.key("graph").open('{');
        j.key("nodes").value(graph.getNodeCount());
        j.key("edges").value(graph.getEdgeCount());
        j.key("directed_edges").value(directed);
        j.key("undirected_edges").value(undirected);
        j.key("is_directed").value(model.isDirected());
        j.key("is_undirected").value(model.isUndirected());
        j.key("is_mixed").value(model.isMixed());
        j.key("is_multigraph").value(model.isMultiGraph());
        j.key("is_dynamic").value(model.isDynamic());
        j.key("time_format").value(timeFormat.name());
        j.key("time_bounds");
        interval(j, model.getTimeBounds(), timeFormat);
        j.key("edge_type_labels").open('[');
        for (Object label : model.getEdgeTypeLabels()) {
            j.value(label == null ? null : label.toString());
        }
        j.close(']');
        j.close('}');

        j.key("node_columns");
        columns(j, model.getNodeTable());
        j.key("edge_columns");
        columns(j, model.getEdgeTable());

        j.key("nodes").open('[');
        for (Node n : graph.getNodes()) {
            j.open('{');
            element(j, n, model.getNodeTable(), timeFormat);
            j.key("color").open('[');
            j.value(n.r()).value(n.g()).value(n.b()).value(n.alpha());
            j.close(']');
            j.key("size").value(n.size());
            j.key("x").value(n.x()).key("y").value(n.y());
            j.close('}');
        }
        j.close(']');

        j.key("edges").open('[');
        for (Edge e : graph.getEdges()) {
            j.open('{');
            element(j, e, model.getEdgeTable(), timeFormat);
            j.key("source").value(String.valueOf(e.getSource().getId()));
            j.key("target").value(String.valueOf(e.getTarget().getId()));
            j.key("directed").value(e.isDirected());
            Object typeLabel = e.getTypeLabel();
            j.key("type_label").value(typeLabel == null ? null : typeLabel.toString());
            j.key("weight").value(e.getWeight());
            j.key("color").open('[');
            j.value(e.r()).value(e.g()).value(e.b()).value(e.alpha());
            j.close(']');
            j.close('}');
        }
        j.close(']');
        j.close('}');
        return 0;
    }

    private static void collect(Iterable<Issue> reported, String stage, List<Issue> issues,
                                List<String> stages, Map<String, Integer> seen) {
        for (Issue issue : reported) {
            String key = issue.getLevel() + "\u0000" + issue.getMessage();
            if (stage.equals("process") && seen.getOrDefault(key, 0) > 0) {
                seen.merge(key, -1, Integer::sum);
                continue;
            }
            seen.merge(key, 1, Integer::sum);
            issues.add(issue);
            stages.add(stage);
        }
    }

    private static void columns(Json j, Table table) {
        j.open('[');
        for (Column c : table) {
            j.open('{');
            j.key("id").value(c.getId());
            j.key("title").value(c.getTitle());
            j.key("type").value(c.getTypeClass().getSimpleName());
            j.key("property").value(c.isProperty());
            j.key("dynamic").value(c.isDynamic());
            j.close('}');
        }
        j.close(']');
    }

    /** id, label, the time intervals, and the non-property attribute values as text. */
    private static void element(Json j, Element el, Table table, TimeFormat format) {
        j.key("id").value(String.valueOf(el.getId()));
        j.key("label").value(el.getLabel());
        j.key("intervals").open('[');
        Interval[] intervals = el.getIntervals();
        if (intervals != null) {
            for (Interval i : intervals) {
                interval(j, i, format);
            }
        }
        j.close(']');
        j.key("attributes").open('{');
        for (Column c : table) {
            if (c.isProperty()) {
                continue;
            }
            Object v = el.getAttribute(c);
            if (v != null) {
                j.key(c.getId()).value(v.toString());
            }
        }
        j.close('}');
    }

    /** [low, high]: ISO dates (or date-times) for date time formats, else numbers; null when open. */
    private static void interval(Json j, Interval i, TimeFormat format) {
        if (i == null) {
            j.value(null);
            return;
        }
        j.open('[');
        bound(j, i.getLow(), format);
        bound(j, i.getHigh(), format);
        j.close(']');
    }

    private static void bound(Json j, double t, TimeFormat format) {
        if (Double.isInfinite(t) || Double.isNaN(t)) {
            j.value(null);
        } else if (format == TimeFormat.DATE) {
            j.value(Instant.ofEpochMilli((long) t).atZone(ZoneOffset.UTC).toLocalDate().toString());
        } else if (format == TimeFormat.DATETIME) {
            j.value(Instant.ofEpochMilli((long) t).toString());
        } else {
            j.value(t);
        }
    }

    /** A minimal streaming JSON writer (no dependency beyond the toolkit). */
    static final class Json {
        private final StringBuilder sb = new StringBuilder();
        private boolean needComma;

        Json open(char c) {
            comma();
            sb.append(c);
            needComma = false;
            return this;
        }

        Json close(char c) {
            sb.append(c);
            needComma = true;
            return this;
        }

        Json key(String k) {
            comma();
            str(k);
            sb.append(':');
            needComma = false;
            return this;
        }

        Json value(Object v) {
            comma();
            if (v == null) {
                sb.append("null");
            } else if (v instanceof Boolean) {
                sb.append(v);
            } else if (v instanceof Integer || v instanceof Long) {
                sb.append(v);
            } else if (v instanceof Number) {
                double d = ((Number) v).doubleValue();
                if (Double.isFinite(d)) {
                    sb.append(String.format(Locale.ROOT, "%s", d));
                } else {
                    str(Double.toString(d));
                }
            } else {
                str(v.toString());
            }
            needComma = true;
            return this;
        }

        private void comma() {
            if (needComma) {
                sb.append(',');
                needComma = false;
            }
        }

        private void str(String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
