#pragma once
// Shared conversions of the pybind11 layer: it only converts types and releases the GIL.
#include <pybind11/pybind11.h>

#include <filesystem>
#include <string>

#include "coopmap/network.hpp"
#include "typed.hpp"

namespace coopmap {
struct Layout;  // coopmap/layout.hpp
}

namespace coopmap::py_bind {
namespace py = pybind11;

/// A Python str -> UTF-8 std::string. A str that cannot be encoded (a lone surrogate such
/// as '\udcff', from os.fsdecode of undecodable bytes) raises ValueError naming `what`
/// instead of pybind11's RuntimeError. Use it instead of `obj.cast<std::string>()`.
std::string utf8(const py::handle& str, const std::string& what);

/// Python value -> attribute Value: bool, int (64-bit), float, str, numpy scalars.
/// `what` names the attribute in the error message.
Value to_value(const py::handle& obj, const std::string& what);
py::object from_value(const Value& v);
/// Attributes -> dict entries added to d.
void add_attributes(py::dict& d, const Attributes& a);
/// kwargs (except the names in skip) -> Attributes; None values are skipped.
Attributes to_attributes(const py::dict& kwargs, const std::string& owner);

/// Per-structure values -> dict {structure id: value} (a Mapping; pandas.Series(d) loads it).
template <class T>
IdMap<typename py_type<T>::type> per_structure(const Network& net, const std::vector<T>& values) {
    IdMap<typename py_type<T>::type> d;
    for (std::size_t i = 0; i < values.size(); ++i) d[py::str(net.structure(static_cast<index_t>(i)).id)] = values[i];
    return d;
}

/// A partition given by the user, read with its own labels: membership[i] (0..k-1)
/// indexes `labels`. Accepts an object with a ``membership`` attribute (a Partition
/// result), a Mapping {id: label} (any hashable labels; every structure must appear) or
/// a sequence of communities (lists of ids; each structure exactly once). Errors name
/// the structure at fault. Label order:
/// Mapping {id: label}: labels ascending when all are ints (so a Partition's cluster c
/// stays c), else by first appearance in structure order (as an attribute's groups);
/// list of communities: community c is label c (an empty community is an error);
/// object with `.membership`: that Mapping.
struct PartitionArg {
    std::vector<std::uint32_t> membership;
    py::list labels;
};
PartitionArg partition_arg(const Network& net, const py::handle& partition);
/// partition_arg(...).membership.
std::vector<std::uint32_t> membership_arg(const Network& net, const py::handle& partition);

/// A Network read by a computation that released the GIL. Python code may share a
/// Network between threads: while one thread computes on it without the GIL, a
/// mutation from another thread would change the vectors being read (memory
/// corruption). The registry counts the readers of each Network (only touched with the
/// GIL held); a mutator calls check_writable(), which raises RuntimeError while the
/// Network is being read. Readers never block each other.
class NetworkReading {
public:
    explicit NetworkReading(const Network& net);  // GIL held
    ~NetworkReading();                            // GIL held
    NetworkReading(const NetworkReading&) = delete;
    NetworkReading& operator=(const NetworkReading&) = delete;

private:
    const Network* net_;
};

/// Releases the GIL while `net` is read: `ReleaseReading nogil(net);` in place of
/// `py::gil_scoped_release`. Registered before the release, unregistered after the GIL
/// is back (members are destroyed in reverse order).
struct ReleaseReading {
    explicit ReleaseReading(const Network& net) : reading(net) {}
    NetworkReading reading;
    py::gil_scoped_release release;
};

/// Raises RuntimeError naming `method` when another thread is computing on `net`.
Network& check_writable(Network& net, const char* method);

/// An integer argument given as a Python int or anything with __index__ (numpy integer
/// scalars), not bool nor float: TypeError naming `what` otherwise; input_error
/// (ValueError) when it is below `min` or does not fit in 64 bits.
long long int_arg(const py::handle& h, const std::string& what, long long min);

/// A path argument (str, bytes or os.PathLike) as a UTF-8 string; None gives "" or, when
/// `required`, TypeError; another type TypeError (os.fspath); input_error naming `what`
/// when empty or holding a NUL byte (the C library would cut the path there and open
/// another file). The one reader of path arguments; call it with the GIL held.
std::string path_arg(const py::handle& p, const char* what, bool required = false);

/// The threads argument of the parallel algorithms: >= 0 (0 = all cores); ValueError otherwise.
unsigned threads_arg(int threads);

/// The weight argument of the algorithms: "weight" (use link weights) or None (unweighted).
/// Returns true when weighted; any other value raises ValueError.
bool weight_arg(const py::handle& weight);

/// Mapping {id: (x, y)} -> Layout (bind_layout.cpp); every structure needs a finite position.
Layout positions_arg(const Network& net, const py::handle& obj);

/// The Python callable the package registered under `name` with `_core._register_python`
/// (the compiled module never imports the package above it); RuntimeError when the
/// package has not registered it (``coopmap._core`` loaded on its own).
py::object python_hook(const char* name);

/// One function per topic adds its bindings to the module; module.cpp calls them in this
/// order (a class must be bound before a signature that names it).
void bind_network(py::module_& m);
void bind_brokerage(py::module_& m);
void bind_centrality(py::module_& m);
void bind_clusters(py::module_& m);
void bind_export(py::module_& m);
void bind_gaps(py::module_& m);
void bind_layout(py::module_& m);
void bind_map(py::module_& m);
void bind_scenarios(py::module_& m);
void bind_store(py::module_& m);
}  // namespace coopmap::py_bind
