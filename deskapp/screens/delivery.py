"""Answers from worker threads, delivered only to a screen that can still show them."""

from __future__ import annotations

from functools import wraps

from textual.dom import DOMNode


def gone(node: DOMNode) -> bool:
    """True once the node is closing or being taken apart.

    A worker's answer can arrive after its screen was popped or the app began to quit. Textual
    removes a screen's widgets before it marks the screen closed, so "still attached" is not enough:
    the pruning flag is set on the screen and every child as soon as their removal starts.
    """
    return not node.is_attached or node._closing or node._closed or node._pruning


def if_open(method):
    """Decorate a method a worker calls through `call_from_thread`: it does nothing on a gone screen."""

    @wraps(method)
    def deliver(self, *args, **kwargs):
        if gone(self):
            return None
        return method(self, *args, **kwargs)

    return deliver
