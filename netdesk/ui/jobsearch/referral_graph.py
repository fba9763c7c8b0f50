"""The referral network: who introduced whom, drawn as a graph. Pan by dragging, zoom with
the wheel (or Ctrl + / Ctrl -), search a name to find it; node size says how many
interactions, colour how warm the contact is (days since the last one). Click a node to open
the contact. The layout is computed on the database worker."""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QHelpEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.model import Change
from netdesk.services.jobsearch import GraphNode, ReferralGraph
from netdesk.ui.common.context import UiContext
from netdesk.ui.common.safe_text import plain_tooltip
from netdesk.ui.common.worker import TaskControl

#: (most days since the last contact, colour, legend)
WARMTH: tuple[tuple[int, str, str], ...] = (
    (30, "#e74c3c", "this month"),
    (90, "#f39c12", "this quarter"),
    (365, "#3498db", "this year"),
    (10**9, "#95a5a6", "longer ago or never"),
)
LABEL_ZOOM = 2.0  # names show from this zoom on (always for matches and "You")


def warmth_colour(last: date | None, today: date) -> QColor:
    days = (today - last).days if last is not None else 10**9 - 1
    for limit, colour, _legend in WARMTH:
        if days <= limit:
            return QColor(colour)
    return QColor(WARMTH[-1][1])


def node_radius(interactions: int) -> float:
    return 3.0 + min(1.6 * math.sqrt(interactions), 11.0)


class NodeItem:
    """One contact in the drawing: its circle and (made when first shown) its name.

    Items are created with the scene's ``addEllipse``/``addSimpleText``, which set position,
    pen and brush in one call: thousands of nodes cost thousands, not tens of thousands, of
    calls into Qt."""

    def __init__(
        self,
        scene: QGraphicsScene,
        node: GraphNode,
        index: int,
        pos: tuple[float, float],
        colour: QColor,
    ) -> None:
        self.node = node
        self.index = index
        self.radius = node_radius(node.interactions)
        self.centre = QPointF(*pos)
        self.colour = colour
        r = self.radius
        self.ellipse = scene.addEllipse(
            QRectF(pos[0] - r, pos[1] - r, 2 * r, 2 * r), self.pen(False), QBrush(colour)
        )
        self.label: QGraphicsSimpleTextItem | None = None
        self.matched = False
        self.labelled = False

    def pen(self, matched: bool) -> QPen:
        return QPen(QColor("#000000"), 3) if matched else QPen(self.colour.darker(140), 1)

    def tooltip(self) -> str:
        n = self.node
        return f"{n.name}\n{n.interactions} interaction{'s' if n.interactions != 1 else ''}" + (
            f", last {n.last_contacted:%d %b %Y}" if n.last_contacted else ""
        )

    def set_matched(self, on: bool) -> None:
        if on != self.matched:
            self.matched = on
            self.ellipse.setPen(self.pen(on))

    def set_labelled(self, on: bool) -> None:
        if on == self.labelled:
            return
        self.labelled = on
        if on and self.label is None:
            scene = self.ellipse.scene()
            self.label = scene.addSimpleText(self.node.name)  # plain text, never rich
            self.label.setPos(self.centre.x() + self.radius + 2, self.centre.y() - 7)
            self.label.setZValue(3)
        elif self.label is not None:
            self.label.setVisible(on)


class GraphCanvas(QGraphicsView):
    def __init__(self, view: ReferralGraphView) -> None:
        super().__init__()
        self.owner = view
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self._press: QPointF | None = None

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.owner.zoom(1.15**steps)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if press is None or (event.position() - press).manhattanLength() > 4:
            return  # a drag pans; only a click opens
        node = self.owner.node_at(event.position().toPoint())
        if node is not None and node.node.contact_id:
            self.owner.ctx.nav.open_contact.emit(node.node.contact_id)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            node = self.owner.node_at(event.pos())
            if node is not None:
                QToolTip.showText(event.globalPos(), plain_tooltip(node.tooltip()), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


class ReferralGraphView(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.graph: ReferralGraph | None = None
        self.items: list[NodeItem] = []
        self._by_ellipse: dict[object, NodeItem] = {}
        self._dirty = True
        self._loading = False
        self._again = False
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a name (Enter)")
        self.search.setClearButtonEnabled(True)
        self.me = QCheckBox("&You at the centre")
        self.me.setToolTip("Draw yourself in the middle, joined to the people you met yourself")
        self.fit_button = QPushButton("&Fit")
        self.fit_button.setToolTip("Show the whole network")
        zoom_in = QPushButton("+")
        zoom_in.setToolTip("Zoom in (Ctrl++)")
        zoom_out = QPushButton("−")
        zoom_out.setToolTip("Zoom out (Ctrl+-)")
        for b in (zoom_in, zoom_out):
            b.setFixedWidth(32)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.me)
        bar.addWidget(zoom_out)
        bar.addWidget(zoom_in)
        bar.addWidget(self.fit_button)
        bar.addWidget(self.status, 3)
        legend = QHBoxLayout()
        legend.addWidget(QLabel("Last contact:"))
        for _limit, colour, text in WARMTH:
            swatch = QLabel("●")
            swatch.setStyleSheet(f"color: {colour}")
            legend.addWidget(swatch)
            label = QLabel(text)
            legend.addWidget(label)
        legend.addWidget(QLabel(" · bigger = more interactions · click a person to open them"))
        legend.addStretch(1)
        self.scene = QGraphicsScene(self)
        self.canvas = GraphCanvas(self)
        self.canvas.setObjectName("referral-graph")
        self.canvas.setScene(self.scene)
        self.empty = QLabel(
            "<h3>No introductions yet</h3>When you log an introduction (Ctrl+L, type "
            "“Introduction / referral”) or set “Introduced by” on a contact, the chain of who "
            "introduced whom is drawn here."
        )
        self.empty.setTextFormat(Qt.TextFormat.RichText)  # our own text only
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(legend)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.empty, 1)
        self.empty.hide()
        self.search.returnPressed.connect(self.find)
        self.search.textChanged.connect(self._highlight)
        self.me.toggled.connect(lambda _on: self.refresh())
        self.fit_button.clicked.connect(self.fit)
        zoom_in.clicked.connect(lambda: self.zoom(1.25))
        zoom_out.clicked.connect(lambda: self.zoom(0.8))
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self.zoom(1.25))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self.zoom(0.8))
        ctx.bus.changed.connect(self.on_change)

    # ------------------------------------------------------------ loading
    def refresh(self) -> None:
        if self._loading:
            self._again = True
            return
        self._loading = True
        self.status.setText("Laying out the network…")
        service = self.ctx.services.jobsearch
        me = self.me.isChecked()

        def work(control: TaskControl) -> ReferralGraph:
            return service.referral_graph(me_at_centre=me, should_cancel=lambda: control.cancelled)

        self.ctx.worker.submit(
            work, on_success=self.show_graph, on_error=self._failed, name="layout"
        )

    def _failed(self, err: BaseException, details: str) -> None:
        from netdesk.ui.common.errors import show_error

        self._loading = False
        show_error(self, "Could not draw the network", err, details)

    def show_graph(self, graph: ReferralGraph) -> None:
        self._loading = False
        self._dirty = False
        if self._again:
            self._again = False
            self.refresh()
        self.graph = graph
        self.scene.clear()
        self.items = []
        today = date.today()
        path = QPainterPath()
        for a, b in graph.edges:
            path.moveTo(QPointF(*graph.positions[a]))
            path.lineTo(QPointF(*graph.positions[b]))
        edges = QGraphicsPathItem(path)
        edges.setPen(QPen(QColor(128, 128, 128, 110), 0.8))
        edges.setZValue(-1)
        self.scene.addItem(edges)
        self._by_ellipse = {}
        for i, node in enumerate(graph.nodes):
            colour = (
                QColor("#2c3e50") if i == graph.me else warmth_colour(node.last_contacted, today)
            )
            item = NodeItem(self.scene, node, i, graph.positions[i], colour)
            self.items.append(item)
            self._by_ellipse[item.ellipse] = item
        if graph.me is not None:
            self.items[graph.me].set_labelled(True)
        people = len(graph.nodes) - (1 if graph.me is not None else 0)
        links = sum(1 for a, b in graph.edges if graph.me not in (a, b))
        self.status.setText(
            f"{people:,} {'person' if people == 1 else 'people'} · "
            f"{links:,} link{'s' if links != 1 else ''}"
        )
        self.empty.setVisible(people == 0)
        self.canvas.setVisible(people > 0)
        self.scene.setSceneRect(self.scene.itemsBoundingRect().adjusted(-40, -40, 40, 40))
        self.fit()
        self._highlight(self.search.text())

    # ------------------------------------------------------------ viewing
    def zoom(self, factor: float) -> None:
        scale = self.canvas.transform().m11() * factor
        if not 0.02 <= scale <= 8:
            return
        self.canvas.scale(factor, factor)
        self._labels()

    def fit(self) -> None:
        if self.items:
            self.canvas.fitInView(self.scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self._labels()

    def _labels(self) -> None:
        show = self.canvas.transform().m11() >= LABEL_ZOOM
        me = self.graph.me if self.graph else None
        for item in self.items:
            item.set_labelled(show or item.matched or item.index == me)

    def _highlight(self, text: str) -> None:
        key = text.strip().casefold()
        for item in self.items:
            item.set_matched(bool(key) and key in item.node.name.casefold())
        self._labels()

    def node_at(self, point: QPoint) -> NodeItem | None:
        for item in self.canvas.items(point):
            found = self._by_ellipse.get(item)
            if found is not None:
                return found
        return None

    def matches(self) -> list[NodeItem]:
        key = self.search.text().strip().casefold()
        return [i for i in self.items if key and key in i.node.name.casefold()]

    def find(self) -> None:
        found = self.matches()
        if not found:
            self.ctx.nav.status.emit(f"Nobody called “{self.search.text().strip()}” in the network")
            return
        if self.canvas.transform().m11() < LABEL_ZOOM:
            self.canvas.resetTransform()
            self.canvas.scale(LABEL_ZOOM * 1.2, LABEL_ZOOM * 1.2)
        self.canvas.centerOn(found[0].centre)
        self._labels()

    # ------------------------------------------------------------ refresh
    def on_change(self, change: Change) -> None:
        if change.contacts or change.interactions or change.everything:
            self._dirty = True
            if self.isVisible():
                self.refresh()

    def on_activated(self) -> None:
        if self._dirty:
            self.refresh()
        self.search.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
