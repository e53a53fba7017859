#pragma once
// Precise Python types in signatures, help() and the generated stubs (_core.pyi).
//
// Arguments: each type below is a py::object that accepts any Python object (the
// binding checks the value itself and raises a clear TypeError / ValueError) and that
// pybind11 names with the given text in the signature, so that editors and mypy see
// `weight: str | None` rather than `typing.Any`. Results: dicts and lists typed with
// pybind11/typing.h (`dict[str, float]`, `list[dict[str, typing.Any]]`).
#include <pybind11/pybind11.h>
#include <pybind11/typing.h>

#include <cstdint>
#include <string>
#include <type_traits>

namespace coopmap::py_bind {
namespace py = pybind11;

namespace typed_detail {
inline int accepts_any(PyObject*) { return 1; }
}  // namespace typed_detail

#define COOPMAP_PY_ARG_TYPE(Name)                                                            \
    struct Name : py::object {                                                               \
        PYBIND11_OBJECT_DEFAULT(Name, object, ::coopmap::py_bind::typed_detail::accepts_any) \
    };
COOPMAP_PY_ARG_TYPE(OptStr)            // str | None
COOPMAP_PY_ARG_TYPE(OptInt)            // int | None
COOPMAP_PY_ARG_TYPE(IntArg)            // int
COOPMAP_PY_ARG_TYPE(StrArg)            // str
COOPMAP_PY_ARG_TYPE(OptBool)           // bool | None
COOPMAP_PY_ARG_TYPE(PathArg)           // str | os.PathLike[str]
COOPMAP_PY_ARG_TYPE(OptPath)           // str | os.PathLike[str] | None
COOPMAP_PY_ARG_TYPE(AttrValue)         // bool | int | float | str
COOPMAP_PY_ARG_TYPE(OptAttrValue)      // bool | int | float | str | None
COOPMAP_PY_ARG_TYPE(AttrMap)           // Mapping[str, bool | int | float | str] | None
COOPMAP_PY_ARG_TYPE(Ids)               // Iterable[str]
COOPMAP_PY_ARG_TYPE(OptIds)            // Iterable[str] | None
COOPMAP_PY_ARG_TYPE(PartitionLike)     // Partition | Mapping[str, Hashable] | Sequence[Iterable[str]]
COOPMAP_PY_ARG_TYPE(OptPartitionLike)  // the same or None
COOPMAP_PY_ARG_TYPE(Positions)         // Mapping[str, tuple[float, float]]
COOPMAP_PY_ARG_TYPE(OptPositions)      // the same or None
COOPMAP_PY_ARG_TYPE(GroupArg)          // str | Partition | Mapping[str, Hashable] (an attribute or a partition)
COOPMAP_PY_ARG_TYPE(OptGroupArg)       // the same or None
COOPMAP_PY_ARG_TYPE(AddedLinks)        // Iterable[tuple[str, str] | tuple[str, str, str]] | None
COOPMAP_PY_ARG_TYPE(DataFrame)         // pandas.DataFrame (a result; pandas is optional)
COOPMAP_PY_ARG_TYPE(NxGraph)           // networkx.Graph (a result)
COOPMAP_PY_ARG_TYPE(IgGraph)           // igraph.Graph (a result)
COOPMAP_PY_ARG_TYPE(RecordTable)       // coopmap._display.Table[dict[str, Any]] (a result)
COOPMAP_PY_ARG_TYPE(SuggestionTable)   // coopmap._display.Table[Suggestion] (a result)
COOPMAP_PY_ARG_TYPE(TypeFilter)        // str | Iterable[str] | None
COOPMAP_PY_ARG_TYPE(TargetArg)         // Mapping[str, attribute value] | Iterable[str] | None
#undef COOPMAP_PY_ARG_TYPE

/// {structure id: value}, and the Python type of a C++ value.
template <class T>
struct py_type {
    using type = py::object;
};
template <>
struct py_type<double> {
    using type = py::float_;
};
template <>
struct py_type<bool> {
    using type = py::bool_;
};
template <>
struct py_type<std::string> {
    using type = py::str;
};
template <class T>
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
struct py_type<T> {
    using type = py::int_;
};
template <class V>
using IdMap = py::typing::Dict<py::str, V>;
/// One row of a table, and a table.
using Record = py::typing::Dict<py::str, py::object>;
using Records = py::typing::List<Record>;
using StrList = py::typing::List<py::str>;

}  // namespace coopmap::py_bind

#define COOPMAP_PY_TYPE_NAME(Name, Text)                                \
    template <>                                                         \
    struct pybind11::detail::handle_type_name<coopmap::py_bind::Name> { \
        static constexpr auto name = const_name(Text);                  \
    };
COOPMAP_PY_TYPE_NAME(OptStr, "str | None")
COOPMAP_PY_TYPE_NAME(OptInt, "int | None")
COOPMAP_PY_TYPE_NAME(IntArg, "int")
COOPMAP_PY_TYPE_NAME(StrArg, "str")
COOPMAP_PY_TYPE_NAME(OptBool, "bool | None")
COOPMAP_PY_TYPE_NAME(PathArg, "str | os.PathLike[str]")
COOPMAP_PY_TYPE_NAME(OptPath, "str | os.PathLike[str] | None")
COOPMAP_PY_TYPE_NAME(AttrValue, "bool | int | float | str")
COOPMAP_PY_TYPE_NAME(OptAttrValue, "bool | int | float | str | None")
COOPMAP_PY_TYPE_NAME(AttrMap, "collections.abc.Mapping[str, bool | int | float | str] | None")
COOPMAP_PY_TYPE_NAME(Ids, "collections.abc.Iterable[str]")
COOPMAP_PY_TYPE_NAME(OptIds, "collections.abc.Iterable[str] | None")
COOPMAP_PY_TYPE_NAME(PartitionLike,
                     "Partition | collections.abc.Mapping[str, typing.Hashable] | "
                     "collections.abc.Sequence[collections.abc.Iterable[str]]")
COOPMAP_PY_TYPE_NAME(OptPartitionLike,
                     "Partition | collections.abc.Mapping[str, typing.Hashable] | "
                     "collections.abc.Sequence[collections.abc.Iterable[str]] | None")
COOPMAP_PY_TYPE_NAME(Positions, "collections.abc.Mapping[str, tuple[float, float]]")
COOPMAP_PY_TYPE_NAME(OptPositions, "collections.abc.Mapping[str, tuple[float, float]] | None")
COOPMAP_PY_TYPE_NAME(GroupArg, "str | Partition | collections.abc.Mapping[str, typing.Hashable]")
COOPMAP_PY_TYPE_NAME(OptGroupArg, "str | Partition | collections.abc.Mapping[str, typing.Hashable] | None")
COOPMAP_PY_TYPE_NAME(DataFrame, "pandas.DataFrame")
COOPMAP_PY_TYPE_NAME(NxGraph, "networkx.Graph")
COOPMAP_PY_TYPE_NAME(IgGraph, "igraph.Graph")
COOPMAP_PY_TYPE_NAME(RecordTable, "coopmap._display.Table[dict[str, typing.Any]]")
COOPMAP_PY_TYPE_NAME(SuggestionTable, "coopmap._display.Table[Suggestion]")
COOPMAP_PY_TYPE_NAME(TypeFilter, "str | collections.abc.Iterable[str] | None")
COOPMAP_PY_TYPE_NAME(TargetArg,
                     "collections.abc.Mapping[str, bool | int | float | str] | collections.abc.Iterable[str] | None")
COOPMAP_PY_TYPE_NAME(AddedLinks, "collections.abc.Iterable[tuple[str, str] | tuple[str, str, str]] | None")
#undef COOPMAP_PY_TYPE_NAME
