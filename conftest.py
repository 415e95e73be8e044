"""Mark the nbval items (committed notebooks) so `-m "not notebooks"` deselects them."""

import pytest


def pytest_collection_modifyitems(config, items):
    for item in items:
        if str(item.fspath).endswith(".ipynb"):
            item.add_marker(pytest.mark.notebooks)
