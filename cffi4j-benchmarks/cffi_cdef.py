#!/usr/bin/env python3
"""Times Python CFFI's ffi.cdef on the same `cc -E` output that CdefBenchmark gives cffi4j.

Usage: cffi_cdef.py [--repeat N] [--dump DIR] NAME=FILE...
Prints one line per input: "NAME MEAN_MS MIN_MS".

CFFI (through pycparser) does not accept raw gcc/glibc output, so each text is first rewritten
once, outside the timed region, by make_cffi_compatible():

  1. `__attribute__ ((...))` and `__asm__ ("symbol")` are deleted with their balanced parentheses
     (pycparser knows neither). The layout attributes among them (`__aligned__`, `__mode__`,
     `__packed__`) are lost: CFFI parses, but some layouts would differ from gcc's.
  2. Keywords pycparser does not know are spelled the standard way or deleted:
     `__extension__`, `__restrict`, `__restrict__`, `__inline`, `__inline__` are deleted;
     `__const` -> `const`, `__signed__` -> `signed`, `__volatile__` -> `volatile`;
     `__builtin_va_list` -> `void *`; `_Float32` -> `float`, `_Float64` and `_Float32x` ->
     `double`, `_Float64x` and `_Float128` -> `long double`.
  3. Function definitions (the `static __inline` functions of glibc, with bodies) are deleted
     whole: a top-level `{` that follows a `)` opens a body; everything from the end of the
     previous top-level declaration to the matching `}` goes. CFFI rejects function bodies.
  4. Array sizes that use `sizeof` (e.g. glibc's `char _unused2[15 * sizeof (int) - 4 *
     sizeof (void *) - sizeof (size_t)]` in `struct _IO_FILE`, which is why CFFI cannot parse
     <stdio.h>) are replaced by their value on x86-64, computed here from a table of the few
     types that occur; an unknown type is an error.

Each timed call is `cffi.FFI().cdef(text, override=True)` on a fresh FFI. override=True because
glibc repeats some function declarations, which CFFI otherwise rejects. Only the 1x text is timed:
CFFI rejects a second body for the same struct even with override=True, so the 2x/4x texts of
CdefBenchmark cannot be given to it. Note that CFFI's cdef parses and records declarations but computes struct layouts only
later, on first use; cffi4j's cdef also computes every layout.
"""

import argparse
import re
import statistics
import sys
import timeit

# sizeof(T) on x86-64 for the types used in array sizes in the benchmarked headers.
SIZEOF = {
    "char": 1,
    "unsigned char": 1,
    "short": 2,
    "unsigned short int": 2,
    "int": 4,
    "unsigned int": 4,
    "long": 8,
    "long int": 8,
    "unsigned long int": 8,
    "unsigned long": 8,
    "void *": 8,
    "size_t": 8,
    "__fd_mask": 8,
    "__cpu_mask": 8,
    "struct sockaddr": 16,
    "struct in_addr": 4,
    "in_port_t": 2,
    "sa_family_t": 2,
}

KEYWORDS = {
    "__extension__": "",
    "__restrict__": "",
    "__restrict": "",
    "__inline__": "",
    "__inline": "",
    "__const": "const",
    "__signed__": "signed",
    "__volatile__": "volatile",
    "__builtin_va_list": "void *",
    "_Float32x": "double",
    "_Float64x": "long double",
    "_Float32": "float",
    "_Float64": "double",
    "_Float128": "long double",
}


def matching(text, i, open_ch, close_ch):
    """Index just after the bracket closing the one at text[i]."""
    depth = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            i += 1
            while i < n and text[i] != c:
                i += 2 if text[i] == "\\" else 1
        elif c == open_ch:
            depth += 1
        elif c == close_ch:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unbalanced %s at end of input" % open_ch)


def delete_calls(text, keyword):
    """Deletes every `keyword (...)`, parentheses balanced."""
    out = []
    pos = 0
    pattern = re.compile(r"\b%s\b\s*\(" % re.escape(keyword))
    while True:
        m = pattern.search(text, pos)
        if not m:
            out.append(text[pos:])
            return "".join(out)
        out.append(text[pos : m.start()])
        pos = matching(text, m.end() - 1, "(", ")")


def delete_function_bodies(text):
    """Deletes function definitions: from the end of the previous top-level declaration to the
    `}` closing a top-level `{` that follows a `)`."""
    out = []
    depth = 0
    emitted = 0  # text[:emitted] is handled
    decl_start = 0  # start of the current top-level declaration in text
    last_significant = ""
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "#" and (i == 0 or text[i - 1] == "\n"):  # a line marker: keep, skip
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c == "{":
            if depth == 0 and last_significant == ")":
                end = matching(text, i, "{", "}")
                out.append(text[emitted:decl_start])
                # keep the line breaks and line markers, so that later lines keep their location
                out.append(re.sub(r"^(?!#).*$", "", text[decl_start:end], flags=re.MULTILINE))
                i = emitted = decl_start = end
                last_significant = ";"
                continue
            depth += 1
        elif c == "}":
            depth -= 1
        if depth == 0 and c in ";}":
            decl_start = i + 1
        if not c.isspace():
            last_significant = c
        i += 1
    out.append(text[emitted:])
    return "".join(out)


def sizeof_value(m):
    name = " ".join(m.group(1).split())
    if name not in SIZEOF:
        raise ValueError("cffi_cdef.py: add sizeof(%s) to the SIZEOF table" % name)
    return str(SIZEOF[name])


def fold_sizeof_array_sizes(text):
    """Replaces `[...sizeof...]` array sizes by their value."""
    out = []
    pos = 0
    while True:
        i = text.find("[", pos)
        if i < 0:
            out.append(text[pos:])
            return "".join(out)
        end = matching(text, i, "[", "]")
        inner = text[i + 1 : end - 1]
        out.append(text[pos:i])
        if "sizeof" in inner:
            expr = re.sub(r"\bsizeof\s*\(([^()]*)\)", sizeof_value, inner)
            expr = re.sub(r"\((int|long|unsigned long|unsigned int)\)", "", expr)  # casts
            expr = " ".join(expr.replace("/", "//").split())
            out.append("[%d]" % eval(expr, {"__builtins__": {}}))
        else:
            out.append(text[i:end])
        pos = end


def make_cffi_compatible(text):
    text = delete_calls(text, "__attribute__")
    text = delete_calls(text, "__asm__")
    for word, replacement in KEYWORDS.items():
        text = re.sub(r"\b%s\b" % word, replacement, text)
    text = delete_function_bodies(text)
    return fold_sizeof_array_sizes(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (after one warm-up)")
    parser.add_argument("--dump", help="also write the rewritten texts to this directory")
    parser.add_argument("inputs", nargs="+", metavar="NAME=FILE")
    args = parser.parse_args()

    import cffi

    for spec in args.inputs:
        name, path = spec.split("=", 1)
        with open(path, encoding="utf-8") as f:
            text = make_cffi_compatible(f.read())
        if args.dump:
            with open("%s/%s.cffi.i" % (args.dump, name), "w", encoding="utf-8") as f:
                f.write(text)

        def cdef():
            cffi.FFI().cdef(text, override=True)

        cdef()  # warm-up, and fail early with CFFI's message
        times = timeit.Timer(cdef).repeat(repeat=args.repeat, number=1)
        print("%s %.3f %.3f" % (name, statistics.mean(times) * 1e3, min(times) * 1e3))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
