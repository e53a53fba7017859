// coopmap._core: the compiled part of the coopmap Python package.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "coopmap/detail/interrupt.hpp"
#include "coopmap/error.hpp"

#include <atomic>
#include <map>
#include <stdexcept>
#include <string>

namespace py = pybind11;

namespace coopmap::py_bind {
namespace {
// The package's exception classes and helpers, handed over by coopmap/__init__.py through
// _core._register_python. Kept as new references for the life of the process (never
// released: the interpreter may be finalising when static destructors run).
std::map<std::string, PyObject*>& hooks() {
    static std::map<std::string, PyObject*> h;
    return h;
}
}  // namespace

py::object python_hook(const char* name) {
    auto it = hooks().find(name);
    if (it == hooks().end())
        throw std::runtime_error(std::string("coopmap._core: '") + name +
                                 "' is provided by the coopmap package; import coopmap first");
    return py::reinterpret_borrow<py::object>(it->second);
}
}  // namespace coopmap::py_bind

namespace {
// Ctrl-C during a long computation: the interrupt hook of coopmap (detail/interrupt.hpp)
// runs Python's signal handlers from the main thread (at most every 50 ms); when one
// raises (KeyboardInterrupt by default) the computation throws coopmap::interrupted and
// the translator below raises that very exception.
std::atomic<unsigned long> main_thread_ident{0};
thread_local PyObject* pending_type = nullptr;
thread_local PyObject* pending_value = nullptr;
thread_local PyObject* pending_traceback = nullptr;

bool python_interrupted() {
    if (PyThread_get_thread_ident() != main_thread_ident.load()) return false;  // signals go to the main thread
    py::gil_scoped_acquire gil;
    if (PyErr_CheckSignals() == 0) return false;
    PyErr_Fetch(&pending_type, &pending_value, &pending_traceback);
    return true;
}

// Raises the exception class `name` of coopmap.errors (registered by the package) with
// extra constructor arguments; without the package, the builtin class it derives from.
template <class... Args>
void raise(const char* name, PyObject* builtin, const char* message, Args&&... args) {
    auto it = coopmap::py_bind::hooks().find(name);
    if (it == coopmap::py_bind::hooks().end()) {
        PyErr_SetString(builtin, message);
        return;
    }
    py::object inst = py::reinterpret_borrow<py::object>(it->second)(message, std::forward<Args>(args)...);
    PyErr_SetObject(it->second, inst.ptr());
}
}  // namespace

PYBIND11_MODULE(_core, m) {
    m.doc() = "Compiled core of coopmap (C++ on Boost.Graph). Use the coopmap package, which re-exports it.";
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const coopmap::parse_error& e) {
            raise("CsvError", PyExc_ValueError, e.what(), e.file(), e.line(), e.column(), e.column_name());
        } catch (const coopmap::input_error& e) {
            raise("InputError", PyExc_ValueError, e.what());
        } catch (const coopmap::not_found& e) {
            raise("NotFoundError", PyExc_KeyError, e.what(), e.key());
        } catch (const coopmap::storage_error& e) {
            raise("StorageError", PyExc_RuntimeError, e.what());
        } catch (const coopmap::interrupted&) {
            if (pending_type) {
                PyErr_Restore(pending_type, pending_value, pending_traceback);
                pending_type = pending_value = pending_traceback = nullptr;
            } else {
                PyErr_SetNone(PyExc_KeyboardInterrupt);
            }
        } catch (const coopmap::error& e) {
            raise("Error", PyExc_RuntimeError, e.what());
        } catch (const py::cast_error& e) {
            // A Python value that a binding could not convert to a C++ type: a wrong
            // argument type, never an internal error (pybind11 would raise RuntimeError).
            PyErr_SetString(PyExc_TypeError, e.what());
        }
    });
    main_thread_ident = py::module_::import("threading").attr("main_thread")().attr("ident").cast<unsigned long>();
    coopmap::detail::set_interrupt_hook(&python_interrupted);
    m.def(
        "_register_python",
        [](const py::kwargs& kwargs) {
            for (const auto& [key, value] : kwargs) {
                auto& slot = coopmap::py_bind::hooks()[key.cast<std::string>()];
                Py_XDECREF(slot);
                slot = value.ptr();
                Py_INCREF(slot);
            }
        },
        "Called once by coopmap/__init__.py: hands over the package's exception classes (Error, InputError, "
        "CsvError, NotFoundError, StorageError) and the helpers the bindings call (to_networkx, to_igraph, to_pandas, "
        "repr_html, network_html).");
    namespace b = coopmap::py_bind;
    for (auto bind : {b::bind_network, b::bind_brokerage, b::bind_centrality, b::bind_clusters, b::bind_export,
                      b::bind_gaps, b::bind_layout, b::bind_map, b::bind_scenarios, b::bind_store})
        bind(m);
    // Notebook display of the table-like results and of a network: methods of the compiled
    // classes whose work is Python's (coopmap/_display.py, handed over by _register_python)
    for (const char* name : {"Partition", "Brokerage", "MixingMatrix", "EIIndex", "ClusterGaps", "WaveComparison",
                             "ImportReport", "WhatIf", "KeyPlayers", "Fragmentation", "PartitionComparison"}) {
        py::object cls = m.attr(name);
        py::setattr(
            cls, "to_pandas",
            py::cpp_function([](const py::object& self) { return b::DataFrame(b::python_hook("to_pandas")(self)); },
                             py::name("to_pandas"), py::is_method(cls),
                             "The records as a pandas.DataFrame, one row per record (pandas is optional: "
                             "an ImportError says what to install when it is missing)."));
        py::setattr(cls, "_repr_html_",
                    py::cpp_function(
                        [](const py::object& self) { return b::python_hook("repr_html")(self).cast<std::string>(); },
                        py::name("_repr_html_"), py::is_method(cls),
                        "The result as an HTML table under its repr (notebooks): its first 20 records, escaped."));
    }
    py::object network = m.attr("Network");
    py::setattr(network, "_repr_html_",
                py::cpp_function(
                    [](const py::object& self) { return b::python_hook("network_html")(self).cast<std::string>(); },
                    py::name("_repr_html_"), py::is_method(network),
                    "The network in a notebook: its summary line and, up to 2,000 structures, its interactive map "
                    "(coopmap.draw's offline HTML map in an iframe)."));
}
