"""Where a built file is found on the web."""


def url_path(output_path: str) -> str:
    """The URL path of the page written at *output_path* (``a/index.html`` -> ``a/``)."""
    name = output_path.rpartition("/")[2]
    return output_path.removesuffix(name) if name == "index.html" else output_path
