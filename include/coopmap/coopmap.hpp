#pragma once
/// \file coopmap.hpp
/// Everything in coopmap: #include <coopmap/coopmap.hpp>.
#include "coopmap/brokerage.hpp"
#include "coopmap/centrality.hpp"
#include "coopmap/clusters.hpp"
#include "coopmap/error.hpp"
#include "coopmap/export.hpp"
#include "coopmap/gaps.hpp"
#include "coopmap/io.hpp"
#include "coopmap/layout.hpp"
#include "coopmap/network.hpp"
#include "coopmap/map.hpp"
#include "coopmap/scenarios.hpp"
#include "coopmap/store.hpp"
