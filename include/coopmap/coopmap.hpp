#pragma once
/// \file coopmap.hpp
/// Everything in coopmap: #include <coopmap/coopmap.hpp>.
#include "coopmap/error.hpp"
#include "coopmap/io.hpp"
#include "coopmap/brokerage.hpp"
#include "coopmap/centrality.hpp"
#include "coopmap/network.hpp"
