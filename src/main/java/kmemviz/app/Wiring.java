package kmemviz.app;

import java.util.List;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.KernelListener;
import kmemviz.core.mm.Profile;
import kmemviz.core.procfs.ProcImport;
import kmemviz.ui.control.AllocController;
import kmemviz.ui.control.BackgroundRunner;
import kmemviz.ui.control.FxBackgroundRunner;
import kmemviz.ui.control.KernelJobs;
import kmemviz.ui.control.Animator;
import kmemviz.ui.control.CommandRunner;
import kmemviz.ui.control.ContextController;
import kmemviz.ui.control.FileController;
import kmemviz.ui.control.ImportController;
import kmemviz.ui.control.GfpFlagPicker;
import kmemviz.ui.control.HistoryController;
import kmemviz.ui.control.KernelBridge;
import kmemviz.ui.control.PlaybackController;
import kmemviz.ui.control.ViewController;
import kmemviz.ui.control.VmApiChoices;
import kmemviz.ui.theme.Themes;
import kmemviz.ui.view.EventLogView;
import kmemviz.ui.view.frames.FrameMapInput;
import kmemviz.ui.view.frames.FrameMapView;
import kmemviz.ui.view.frames.FreeAreaView;
import kmemviz.ui.view.InspectorView;
import kmemviz.ui.view.frames.LegendView;
import kmemviz.ui.view.Selection;
import kmemviz.ui.view.ShownMemory;
import org.controlsfx.control.StatusBar;
import org.controlsfx.control.action.Action;
import org.controlsfx.control.action.ActionUtils;
import org.controlsfx.control.action.ActionUtils.ActionTextBehavior;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Builds the main window from the views and the small controllers, and connects them. No behaviour of its own
 * beyond the layout: every action is declared once in its controller and becomes a button and a menu item here.
 */
public final class Wiring {
    public final Kernel kernel;
    public final ShownMemory shown = new ShownMemory();
    public final Selection selection = new Selection();
    public final Themes themes = new Themes();
    public final FrameMapView map;
    public final FrameMapInput mapInput;
    public final FreeAreaView freeArea;
    public final kmemviz.ui.view.pcp.PcpView pcp;
    public final EventLogView log = new EventLogView();
    public final InspectorView inspector;
    public final kmemviz.ui.view.slab.SlabView slabs;
    public final kmemviz.ui.view.frames.SlabPageTints slabTints = new kmemviz.ui.view.frames.SlabPageTints();
    public final LegendView legend;
    public final kmemviz.ui.view.frames.PageblockStripView pageblocks;
    public final kmemviz.ui.control.ClassroomAllocatorToggle classroomToggle;
    public final Animator animator;
    public final CommandRunner runner;
    public final KernelBridge bridge;
    public final KernelJobs jobs;
    public final GfpFlagPicker gfp = new GfpFlagPicker();
    public final AllocController alloc;
    public final ContextController context;
    public final HistoryController history;
    public final PlaybackController playback;
    public final ViewController view;
    public final FileController files;
    public final ImportController imports;
    public final kmemviz.ui.control.ExplainLogController explainLog;
    public final StatusBar status = new StatusBar();
    public final kmemviz.ui.view.KernelReportPanel reports = new kmemviz.ui.view.KernelReportPanel();
    public final kmemviz.ui.view.StoryPanel story = new kmemviz.ui.view.StoryPanel();
    public final VmWiring vm;
    public final Tab physicalTab, pcpTab, mappingsTab, tlbTab, slabTab;
    public final kmemviz.ui.view.frag.FragView frag;
    public final Tab fragTab;
    /** Compact zone: the Fragmentation tab's button and the Edit menu's item, where its Ctrl+Shift+K works. */
    private final kmemviz.ui.control.CompactController compact;
    public final BorderPane root = new BorderPane();
    LessonWiring lesson;

    public Wiring(Profile profile) { this(new Kernel(profile), new FxBackgroundRunner()); }

    /** Shows an allocation's story large over the views, in place of a kernel report: one panel at a time. */
    public void showStory(kmemviz.core.mm.AllocStory told, String call) { showStory(told, call, null); }

    /** The same with an explained kernel log around the story ({@code told} null when no request ran). */
    public void showStory(kmemviz.core.mm.AllocStory told, String call, kmemviz.core.klog.LogExplanation.Explained explained) {
        reports.hide();
        story.show(told, call, explained);
    }

    /** @param background where long work runs (a {@link kmemviz.ui.control.CallingThreadRunner} in some tests) */
    public Wiring(Profile profile, BackgroundRunner background) { this(new Kernel(profile), background); }

    /** @param kernel just booted (the window's comes from {@link StartupWarmup}, booted beside the toolkit's start) */
    Wiring(Kernel kernel, BackgroundRunner background) {
        this.kernel = kernel;
        Profile profile = kernel.profile();
        shown.resetFrom(kernel.memory());
        map = new FrameMapView(shown, selection);
        map.setId("frame-map");
        mapInput = new FrameMapInput(map);
        freeArea = new FreeAreaView(shown);
        pcp = new kmemviz.ui.view.pcp.PcpView(shown);
        pcp.setId("pcp-view");
        inspector = new InspectorView(selection, shown, kernel::variableFor);
        legend = new LegendView(map);
        pageblocks = new kmemviz.ui.view.frames.PageblockStripView(shown, map);
        slabs = new kmemviz.ui.view.slab.SlabView(kernel, selection);
        new kmemviz.ui.view.slab.SlabInput(slabs);
        inspector.showSlabsOf(kernel::slab);
        inspector.showStoriesOf(kernel.explainAllocations());
        inspector.onShowLarge(this::showStory);
        animator = new Animator(shown, map);
        runner = new CommandRunner(kernel, animator);
        bridge = new KernelBridge(kernel, shown, animator, log, inspector);
        jobs = new KernelJobs(runner, bridge, background);
        bridge.subscribe(KernelListener.afterEveryChange(() -> selection.dropIfDead(kernel.memory())));  // FX thread, after the views
        classroomToggle = new kmemviz.ui.control.ClassroomAllocatorToggle(runner);
        bridge.subscribe(KernelListener.afterEveryChange(classroomToggle::refresh));
        alloc = new AllocController(jobs, gfp, selection);
        alloc.api().getItems().addAll(kmemviz.ui.control.SlabApiChoices.ALL);
        context = new ContextController(runner);
        history = new HistoryController(runner, jobs, log);
        playback = new PlaybackController(animator);
        physicalTab = PhysicalTab.of(map, pageblocks, legend);
        view = new ViewController(map, selection, themes, legend);
        files = new FileController(runner, jobs, physicalTab.getContent());
        imports = new ImportController(runner, jobs, physicalTab.getContent());
        files.setImporter(imports::importFrom);
        explainLog = new kmemviz.ui.control.ExplainLogController(runner, jobs, physicalTab.getContent(), this::showStory);
        alloc.api().getItems().addAll(VmApiChoices.ALL);
        vm = new VmWiring(this);
        files.setFigures(new Figures(this));
        mappingsTab = MappingsTab.of(vm.mapping, vm.walk, vm.walkView, selection);
        tlbTab = TlbTab.of(vm.tlb, vm.tlbView, vm.tlbStats);
        slabTab = SlabTab.of(slabs);
        frag = new kmemviz.ui.view.frag.FragView(shown);
        compact = new kmemviz.ui.control.CompactController(jobs, frag::shownZone);
        fragTab = FragTab.of(frag, compact);
        themes.presentationProperty().addListener((o, a, p) -> frag.setLarge(p));
        pcpTab = PcpTab.of(pcp, shown);
        bridge.subscribe(KernelListener.afterEveryChange(alloc::refresh));
        bridge.subscribe(KernelListener.afterEveryChange(context::refresh));
        bridge.subscribe(KernelListener.afterEveryChange(() -> legend.showImported(ProcImport.PROFILE_NAME.equals(kernel.profile().name())
                || kmemviz.core.klog.ReportMachine.PROFILE_NAME.equals(kernel.profile().name()))));
        bridge.subscribe(KernelListener.afterEveryChange(history::refresh));
        bridge.subscribe(KernelListener.afterEveryChange(this::updateStatusItems));
        bridge.subscribe(KernelListener.afterEveryChange(slabs::refresh));
        map.setOverlay(slabTints);
        bridge.subscribe(KernelListener.afterEveryChange(() -> { if (slabTints.rebuild(kernel.memory())) map.repaintAll(); }));
        bridge.subscribe(new KernelListener() {  // show what a report concerns: its page selected, its object flashed
            @Override public void report(kmemviz.core.mm.KernelReport r) {
                slabs.flash(r.allocId(), r.pfn());
                if (r.pfn() >= 0) selection.select(r.pfn(), kernel.memory().allocations().get(r.allocId()) == null ? 0 : r.allocId());
            }
        });
        themes.presentationProperty().addListener((o, a, p) -> { slabs.setLarge(p); freeArea.setLarge(p); pcp.setUnitPx(p ? 17 : 13); });
        bridge.setReportPanel(reports);
        layout();
        log.append(EventLogView.Kind.COMMAND, kernel.history().get(0).text());
        log.append(EventLogView.Kind.RESULT, "→ booted " + profile.description());
        bridge.statusProperty().set("Booted " + profile.description() + ". Choose a call, an order and GFP flags, then Allocate (Ctrl+Enter).");
    }

    public Parent root() { return root; }

    private void layout() {
        TabPane views = new TabPane(physicalTab, pcpTab, mappingsTab, tlbTab, slabTab, fragTab);
        views.setId("views");
        for (Tab t : views.getTabs()) if (t != physicalTab) attachContentWhenFirstSelected(t);

        lesson = new LessonWiring(this, views);
        SplitPane left = new SplitPane(lesson.stage, log);
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.72);
        ScrollPane freeAreaScroll = scroll(freeArea);
        freeArea.keepChangedZoneInView(freeAreaScroll);
        SplitPane side = new SplitPane(titled("Buddy free areas", freeAreaScroll, classroomToggle.button()), titled("Inspector", scroll(inspector)));
        side.setOrientation(Orientation.VERTICAL);
        side.setDividerPositions(0.62);
        side.setMinWidth(300);
        SplitPane main = new SplitPane(left, side);
        main.setDividerPositions(0.7);
        SplitPane.setResizableWithParent(side, false);

        root.setTop(new VBox(menus(), toolbar()));
        javafx.scene.layout.StackPane overViews = new javafx.scene.layout.StackPane(main);
        joinWhenFirstShown(overViews, List.of(main, reports, story), reports);    // panels over the views, when first shown
        joinWhenFirstShown(overViews, List.of(main, reports, story), story);
        javafx.scene.layout.StackPane.setAlignment(reports, javafx.geometry.Pos.TOP_RIGHT);
        javafx.scene.layout.StackPane.setMargin(reports, new javafx.geometry.Insets(40, 16, 0, 0));
        javafx.scene.layout.StackPane.setAlignment(story, javafx.geometry.Pos.TOP_CENTER);
        javafx.scene.layout.StackPane.setMargin(story, new javafx.geometry.Insets(12, 24, 24, 24));
        root.setCenter(overViews);
        status.setId("status");
        BackgroundRunner background = jobs.background();
        status.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> background.runningProperty().get() ? background.messageProperty().get()
                        : animator.playingProperty().get() ? animator.currentProperty().get() : bridge.statusProperty().get(),
                background.runningProperty(), background.messageProperty(),
                animator.playingProperty(), animator.currentProperty(), bridge.statusProperty()));
        status.progressProperty().bind(background.progressProperty());
        status.getLeftItems().add(cancelButton(background));
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && background.runningProperty().get()) {
                background.cancel();
                e.consume();
            }
        });
        // Ctrl+Y redoes too (Windows' habit); a menu item has one accelerator, which stays Ctrl+Shift+Z.
        javafx.scene.input.KeyCombination ctrlY = javafx.scene.input.KeyCombination.keyCombination("Shortcut+Y");
        root.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (ctrlY.match(e) && !history.redoAction().isDisabled()) {
                history.redoAction().handle(new javafx.event.ActionEvent());
                e.consume();
            }
        });
        javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();     // a long status line is cut: hover reads it
        whole.textProperty().bind(status.textProperty());
        status.setTooltip(whole);
        // Presentation mode: the map gets most of the height, and the log keeps a few lines under it.
        themes.presentationProperty().addListener((o, a, p) -> {
            left.setDividerPositions(p ? 0.76 : 0.72);
            main.setDividerPositions(p ? 0.75 : 0.7);
            side.setDividerPositions(p ? 0.66 : 0.62);     // a zone's free lists in large rows, without a scroll
        });
        log.setMinHeight(140);          // the header and four lines, even in a 700 px window
        // A lesson on a projector, or in a window lower than 800 px (at 1280x720 the log, the legend, the player and
        // the caption band left the map 85 px and 7 px cells): its captions and script pane tell the story, so the
        // log gives its height to the map. It keeps its lines and comes back with a taller window or the lesson closed.
        var low = root.heightProperty().lessThan(800);
        javafx.beans.InvalidationListener logAway = o -> {
            if ((themes.presentationProperty().get() || low.get()) && lesson.stage.openProperty().get()) left.getItems().remove(log);
            else if (!left.getItems().contains(log)) { left.getItems().add(log); left.setDividerPositions(0.76); }
        };
        themes.presentationProperty().addListener(logAway);
        lesson.stage.openProperty().addListener(logAway);
        low.addListener(logAway);
        // A lesson in a large window (1600x1000): the side panel's 30% and the log's 28% left its map the 15 px cells
        // of 1280x720 beside a blank gutter. Beyond what 1280x720 gives them, the side panel and the log stay put, and
        // the map takes the rest of the width and height.
        javafx.beans.InvalidationListener roomy = o -> {
            if (themes.presentationProperty().get()) return;
            boolean open = lesson.stage.openProperty().get();
            double wide = root.getWidth(), tall = left.getHeight();
            if (wide > 0) main.setDividerPositions(open ? Math.max(0.7, 1 - LESSON_SIDE_PX / wide) : 0.7);
            if (tall > 0 && left.getItems().contains(log)) left.setDividerPositions(open ? Math.max(0.72, 1 - LESSON_LOG_PX / tall) : 0.72);
        };
        lesson.stage.openProperty().addListener(roomy);
        root.widthProperty().addListener(roomy);
        left.heightProperty().addListener(roomy);
        map.geometryProperty().addListener((o, a, b) -> updateStatusItems());
        selection.hoveredPfnProperty().addListener((o, a, b) -> updateStatusItems());
        root.setBottom(status);
        updateStatusItems();
    }

    /**
     * Keeps a tab's content out of the scene until the tab is first selected, so that the first frame styles and lays
     * out only the tab on show: hidden tabs are in the scene graph, so their skins, CSS and layout were about a third
     * of the window's first CSS pass (JFR samples on the FX thread inside Stage.show: 415 before, 281 after). The
     * views inside exist from the start and follow the kernel while detached.
     */
    private static void attachContentWhenFirstSelected(Tab tab) {
        Node content = tab.getContent();
        tab.setContent(null);
        tab.selectedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean selected) {
                if (!selected) return;
                tab.selectedProperty().removeListener(this);
                tab.setContent(content);
            }
        });
    }

    /** Shown while a background job runs; Esc does the same. */
    private static Node cancelButton(BackgroundRunner background) {
        javafx.scene.control.Button b = new javafx.scene.control.Button("Cancel", new FontIcon(org.kordamp.ikonli.feather.Feather.X_CIRCLE));
        b.setId("cancel-task");
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);   // never "Ca…": it is what stops a long job
        b.getStyleClass().add(atlantafx.base.theme.Styles.SMALL);
        kmemviz.ui.view.LazyTooltip.install(b, "Stop the running task and take the model back to where it was (Esc)");
        b.setOnAction(e -> background.cancel());
        b.visibleProperty().bind(background.runningProperty());
        b.managedProperty().bind(background.runningProperty());
        // The bar keeps its height while a job runs: the button's margins reach into the bar's padding (4 px), and
        // 2 px less padding than a small button's keep it off the bar's edges. Growing by 8 px laid out and repainted
        // every view above the bar twice per job. The right margin keeps the progress text off the button.
        b.setPadding(new javafx.geometry.Insets(3.7, 8.6, 3.7, 8.6));
        javafx.scene.layout.HBox.setMargin(b, new javafx.geometry.Insets(-3, 6, -3, 0));
        return b;
    }

    /** A lesson's side panel and log in a large window: about their size at 1280x720. */
    private static final double LESSON_SIDE_PX = 400, LESSON_LOG_PX = 170;

    private final Label machineLabel = new Label(), scaleLabel = new Label(), hoverLabel = new Label();

    private void updateStatusItems() {
        if (status.getRightItems().isEmpty()) {
            // The facts on the right never shrink to "3 px per…": the status line on the left yields (its tooltip reads
            // it whole), and the hover pfn keeps its width when empty, so the items do not jump as the mouse moves.
            for (Label l : List.of(hoverLabel, scaleLabel, machineLabel)) l.setMinWidth(Region.USE_PREF_SIZE);
            hoverLabel.setStyle("-fx-min-width: 6.5em;");
            status.getRightItems().addAll(hoverLabel, new Separator(Orientation.VERTICAL),
                    scaleLabel, new Separator(Orientation.VERTICAL), machineLabel);
        }
        machineLabel.setText(String.format("%s · %,d frames · %s context", kmemviz.core.cmd.MachineName.of(kernel.profile()),
                kernel.memory().frames().nrFrames(), kernel.context().keyword()));
        scaleLabel.setText(map.geometry() == null ? "" : map.geometry().describeScale());
        int h = selection.hoveredPfnProperty().get();
        hoverLabel.setText(h < 0 ? "" : String.format("pfn 0x%x", h));
    }

    /** A pane under a header with its title and then {@code extra} controls, wrapped below it when the pane is narrow. */
    private static Node titled(String title, Node content, Node... extra) {
        Label l = new Label(title);
        l.getStyleClass().add("pane-title");
        l.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.FlowPane header = new javafx.scene.layout.FlowPane(10, 2, l);
        for (Node n : extra) if (n instanceof Region r) r.setMinWidth(Region.USE_PREF_SIZE);
        header.getChildren().addAll(extra);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        header.getStyleClass().add("pane-header");
        header.setPadding(new javafx.geometry.Insets(3, 6, 3, 6));
        BorderPane p = new BorderPane(content);
        p.setTop(header);
        return p;
    }

    private static ScrollPane scroll(Node n) {
        ScrollPane s = new ScrollPane(n);
        s.setFitToWidth(true);
        return s;
    }

    /**
     * The toolbar: groups of controls (the call, its context, Allocate and Free, Undo and Redo, zoom, the GFP mask,
     * the animation, the view toggles) that flow onto as many rows as the window needs. Each group is a small
     * ToolBar, so AtlantaFX styles its buttons as toolbar buttons, and a group is never cut: at 1280x720 in
     * presentation mode the groups wrap onto a third row instead of shrinking labels to "Alloc..." or hiding
     * controls in an overflow menu.
     */
    private Node toolbar() {

        // Presentation mode's larger font needs wider choosers, or they cut their text ("__GFP..."). The hint is one
        // fixed place for input errors: a label of constant width, so the toolbar never moves while typing (the whole
        // error is its tooltip, and Allocate's).
        Runnable widths = () -> {
            double em = themes.presentationProperty().get() ? 17 : 14;
            alloc.api().setPrefWidth((themes.presentationProperty().get() ? 10 : 11.5) * em);
            context.chooser().setPrefWidth(8.5 * em);
            gfp.presets().setPrefWidth((themes.presentationProperty().get() ? 10.5 : 13) * em);
            alloc.size().setPrefColumnCount(themes.presentationProperty().get() ? 6 : 9);
            alloc.hint().setPrefWidth(themes.presentationProperty().get() ? 4 * em : 12 * em);
            alloc.hint().setMaxWidth(alloc.hint().getPrefWidth());
            gfp.bits().setPrefWidth(9.5 * em);
        };
        widths.run();
        themes.presentationProperty().addListener((o, a, b) -> widths.run());
        gfp.maskLabel().setMaxWidth(300);
        List<Node> call = new java.util.ArrayList<>(List.of(alloc.api(), group("order"), alloc.order()));
        call.addAll(alloc.slabInputs().nodes());
        call.addAll(List.of(alloc.size(), alloc.hint()));
        HBox contextGroup = toolGroup(List.of(group("context"), context.chooser()));
        HBox zoom = toolGroup(List.of(button(view.zoomOutAction(), false, "zoom-out"), button(view.fitAction(), false, "fit"),
                button(view.zoomInAction(), false, "zoom-in"), button(view.zoomToAllocationAction(), false, "zoom-to-allocation")));
        HBox viewToggles = toolGroup(List.of(toggle(view.colourByAllocationAction(), "colour-by-allocation"),
                toggle(view.colourByMigrateTypeAction(), "colour-by-migratetype"),
                toggle(view.legendAction(), "legend-toggle"), toggle(view.darkAction(), "dark")));
        Label slow = group("slow"), instant = group("instant"), animation = group("animation");
        // A presenter uses the call, Allocate and Free, Undo and Redo, the GFP preset and Step/Play/Pause: one row at
        // 1280x720. The rest (the context, __GFP bits, zoom, view toggles, the speed slider) has keys or menu items.
        // A narrow window (down to 1024 px) drops what has a menu item or says again what is shown, so it keeps two rows.
        var presenting = themes.presentationProperty();
        var narrow = presenting.or(root.widthProperty().lessThan(1400));
        hideWhen(presenting, contextGroup, gfp.bits(), playback.speedSlider());
        hideWhen(narrow, zoom, viewToggles, animation, gfp.maskLabel(), slow, instant);
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(14, 0,
                toolGroup(call), contextGroup,
                toolGroup(List.of(button(alloc.allocateAction(), true, "allocate"), button(alloc.freeAction(), true, "free"))),
                toolGroup(List.of(button(history.undoAction(), false, "undo"), button(history.redoAction(), false, "redo"))),
                zoom,
                toolGroup(List.of(group("GFP"), gfp.presets(), gfp.bits(), gfp.maskLabel())),
                toolGroup(List.of(animation, button(playback.stepAction(), false, "step"),
                        button(playback.playAction(), false, "play"), button(playback.pauseAction(), false, "pause"),
                        slow, playback.speedSlider(), instant)),
                viewToggles, toolGroup(List.of(toggle(view.presentationAction(), "presentation"))));
        bar.hgapProperty().bind(javafx.beans.binding.Bindings.when(themes.presentationProperty()).then(4).otherwise(14));
        bar.setId("main-toolbar");
        bar.getStyleClass().add("main-toolbar-flow");
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return bar;
    }

    /**
     * One group of the toolbar; its controls keep their preferred widths so that no label is cut. An HBox, not a
     * ToolBar: a ToolBar whose content grows (the slab fields appear when kmalloc is chosen) would move controls
     * into its overflow menu. Buttons are flat, as AtlantaFX draws them in a toolbar; the accent button keeps its face.
     */
    private static void hideWhen(javafx.beans.value.ObservableBooleanValue hidden, Node... nodes) {
        for (Node n : nodes) {
            n.visibleProperty().bind(javafx.beans.binding.Bindings.not(hidden));
            n.managedProperty().bind(n.visibleProperty());
        }
    }

    private static HBox toolGroup(List<Node> items) {
        for (Node n : items) {
            if (n instanceof Region r && !(n instanceof javafx.scene.control.Slider)) r.setMinWidth(Region.USE_PREF_SIZE);
            if (n instanceof javafx.scene.control.ButtonBase b && !b.getStyleClass().contains(atlantafx.base.theme.Styles.ACCENT))
                b.getStyleClass().add(atlantafx.base.theme.Styles.FLAT);
        }
        HBox g = new HBox(6);
        g.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        g.getStyleClass().add("tool-group");
        for (Node n : items) joinWhenFirstShown(g, items, n);
        return g;
    }

    /**
     * Puts {@code node} among {@code parent}'s children, in its place in {@code order}, once it is first visible. A
     * node in the scene gets its skin and CSS on the first frame even while hidden; the slab calls' inputs (a
     * combo box with its list, two text fields: some 40 nodes) are hidden until such a call is chosen. A node whose
     * visibility is bound (to the window's width or the presentation mode) joins at once, so that it is styled
     * for the frame in which the binding shows it.
     */
    private static void joinWhenFirstShown(javafx.scene.layout.Pane parent, List<Node> order, Node node) {
        Runnable join = () -> {
            int at = 0;
            for (Node n : order) if (n == node) break; else if (n.getParent() == parent) at++;
            parent.getChildren().add(at, node);
        };
        if (node.isVisible() || node.visibleProperty().isBound()) { join.run(); return; }
        node.visibleProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean shown) {
                if (!shown) return;
                node.visibleProperty().removeListener(this);
                join.run();
            }
        });
    }

    private static Label group(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("group-label");
        return l;
    }

    private static Node button(Action a, boolean withText, String id) {
        var b = ActionUtils.createButton(a, withText ? ActionTextBehavior.SHOW : ActionTextBehavior.HIDE);
        b.setId(id);
        b.setMnemonicParsing(false);
        ownIcon(a, b.graphicProperty());
        if (!b.getStyleClass().contains(atlantafx.base.theme.Styles.ACCENT)) b.getStyleClass().add(atlantafx.base.theme.Styles.FLAT);
        return kmemviz.ui.control.Actions.tooltipWhenDisabled(b, a.longTextProperty());   // "Nothing to undo"
    }

    private static Node toggle(Action a, String id) {
        var b = ActionUtils.createToggleButton(a, ActionTextBehavior.HIDE);
        b.setId(id);
        ownIcon(a, b.graphicProperty());
        return b;
    }

    /** A node has one parent, so each button and menu item gets its own copy of the action's Ikonli icon. */
    private static void ownIcon(Action a, javafx.beans.property.ObjectProperty<Node> graphic) {
        if (!(a.getGraphic() instanceof FontIcon icon)) return;
        graphic.unbind();
        graphic.set(new FontIcon(icon.getIconCode()));
    }

    private MenuBar menus() {
        List<Action> fileActions = files.actions();
        Menu file = menu("File", fileActions.subList(0, fileActions.size() - 1));
        file.getItems().add(1, item(imports.action()));
        file.getItems().add(2, item(explainLog.action()));
        file.getItems().add(4, files.openRecentMenu());        // after New machine, Import machine, Explain kernel log and Open script
        file.getItems().addAll(new SeparatorMenuItem(), item(fileActions.get(fileActions.size() - 1)));
        Menu edit = menu("Edit", List.of(history.undoAction(), history.redoAction()));
        edit.getItems().addAll(new SeparatorMenuItem(), item(alloc.allocateAction()), item(alloc.freeAction()),
                item(compact.compactAction()));
        Menu viewMenu = menu("View", List.of(view.zoomInAction(), view.zoomOutAction(), view.fitAction(),
                view.zoomToAllocationAction()));
        viewMenu.getItems().addAll(new SeparatorMenuItem(), check(view.colourByAllocationAction()), check(view.colourByMigrateTypeAction()),
                check(view.legendAction()), new SeparatorMenuItem(),
                check(view.darkAction()), check(view.presentationAction()),
                new SeparatorMenuItem(), item(playback.stepAction()), item(playback.playAction()), item(playback.pauseAction()),
                item(playback.fasterAction()), item(playback.slowerAction()));
        Menu help = HelpTexts.menu(root);
        MenuBar bar = new MenuBar(file, edit, viewMenu, lesson.menu(), help);
        bar.setId("menu-bar");
        return bar;
    }

    private static Menu menu(String name, List<Action> actions) {
        Menu m = new Menu(name);
        for (Action a : actions) m.getItems().add(item(a));
        return m;
    }

    private static MenuItem check(Action a) {
        MenuItem i = ActionUtils.createCheckMenuItem(a);
        ownIcon(a, i.graphicProperty());
        return i;
    }

    private static MenuItem item(Action a) {
        MenuItem i = ActionUtils.createMenuItem(a);
        i.setMnemonicParsing(false);
        ownIcon(a, i.graphicProperty());
        return i;
    }
}
