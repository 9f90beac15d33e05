#include "app/eval_report.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/series_plot.h"
#include "media/png.h"

namespace wv::app {
namespace {

constexpr PlotColor kModel{220, 90, 30};     // orange
constexpr PlotColor kReference{90, 90, 90};  // grey: the truth or the baseline

std::string pct(double v) {
  char b[16];
  std::snprintf(b, sizeof b, "%.1f %%", 100.0 * v);
  return b;
}

std::string num(double v, const char* format = "%.2f") {
  char b[32];
  std::snprintf(b, sizeof b, format, v);
  return b;
}

// "92.0 % of 50", or "no case" when nothing was seen to judge.
std::string of_cases(double rate, int32_t cases) {
  return cases ? pct(rate) + " of " + std::to_string(cases) : std::string("no case");
}

// A per-span rate, "–" where the span had no case.
std::string span(double rate) { return rate >= 0 ? pct(rate) : std::string("–"); }

}  // namespace

std::string eval_report_json(const eval::EvalReport& r) {
  nlohmann::ordered_json j;
  j["model"] = r.model_name;
  j["frame_size"] = {r.width, r.height};
  j["rollouts"] = r.rollouts;
  j["seconds"] = r.seconds;
  j["prompt_adherence"] = {{"count", r.count_match}, {"colors", r.colors_match}, {"background", r.background_match}};
  if (r.start_image_count >= 0)
    j["from_true_start"] = {{"count", r.start_image_count}, {"colors", r.start_image_colors}};
  j["physics"] = {{"gravity_agrees", r.gravity_agrees},
                  {"gravity_agrees_truth", r.gravity_agrees_truth},
                  {"bounces", {{"shown", r.bounces}, {"cases", r.bounce_cases}, {"shown_truth", r.bounces_truth},
                               {"cases_truth", r.bounce_cases_truth}}},
                  {"collisions", {{"shown", r.collisions}, {"cases", r.collision_cases},
                                  {"shown_truth", r.collisions_truth}, {"cases_truth", r.collision_cases_truth}}}};
  j["events_obeyed"] = r.events_obeyed;
  j["events"] = nlohmann::ordered_json::array();
  for (const auto& e : r.events)
    j["events"].push_back({{"text", e.text}, {"checkable", e.checkable}, {"obeyed", e.obeyed},
                           {"mean_frames", e.mean_frames}, {"truth_checkable", e.truth_checkable},
                           {"truth_obeyed", e.truth_obeyed}});
  j["stability"] = {{"count_kept_at_end", r.count_kept_at_end}};
  j["psnr_gain_at_32_db"] = r.psnr_gain_at_32;
  j["diversity"] = {{"mean_abs_difference", r.diversity}, {"distinct_seed_pairs", r.distinct_seed_pairs}};
  j["horizons"] = nlohmann::ordered_json::array();
  for (const auto& h : r.horizons) {
    nlohmann::ordered_json row = {{"frame", h.frame}, {"count_kept", h.count_kept}, {"sharpness", h.sharpness},
                                  {"sharpness_truth", h.sharpness_truth}};
    if (h.psnr >= 0) row["psnr_db"] = h.psnr, row["psnr_copy_last_db"] = h.psnr_copy_last;
    // Rates over the span since the previous horizon, where that span had cases.
    if (h.bounces >= 0) row["bounces"] = h.bounces;
    if (h.bounces_truth >= 0) row["bounces_truth"] = h.bounces_truth;
    if (h.collisions >= 0) row["collisions"] = h.collisions;
    if (h.collisions_truth >= 0) row["collisions_truth"] = h.collisions_truth;
    j["horizons"].push_back(row);
  }
  return j.dump(2) + "\n";
}

std::string eval_report_markdown(const eval::EvalReport& r) {
  std::string md = "# Evaluation of " + r.model_name + "\n\n" + std::to_string(r.rollouts) + " rollouts (prompt × seed) at " +
                   std::to_string(r.width) + "×" + std::to_string(r.height) + ", " + num(r.seconds, "%.0f") +
                   " s. The probe reads frames only; the truth column is the simulator scored the same way.\n\n"
                   "| metric | model | truth / baseline |\n|---|---|---|\n";
  md += "| prompt adherence: object count | " + pct(r.count_match) + " | |\n";
  md += "| prompt adherence: colors | " + pct(r.colors_match) + " | |\n";
  md += "| prompt adherence: room color | " + pct(r.background_match) + " | |\n";
  if (r.start_image_count >= 0)
    md += "| from the true frame 0: count / colors still shown in frame 0 | " + pct(r.start_image_count) + " / " +
          pct(r.start_image_colors) + " | 100.0 % / 100.0 % |\n";
  md += "| gravity: things drift the way the prompt says (1 s) | " + pct(r.gravity_agrees) + " | " + pct(r.gravity_agrees_truth) + " |\n";
  md += "| bounces: objects reaching a wall rebound from it | " + of_cases(r.bounces, r.bounce_cases) + " | " +
        of_cases(r.bounces_truth, r.bounce_cases_truth) + " |\n";
  md += "| collisions: touching objects change their velocities | " + of_cases(r.collisions, r.collision_cases) + " | " +
        of_cases(r.collisions_truth, r.collision_cases_truth) + " |\n";
  for (const auto& e : r.events) {
    md += "| event \"" + e.text + "\" shown within the window | " +
          (e.checkable ? pct(double(e.obeyed) / e.checkable) + " of " + std::to_string(e.checkable) + ", " +
                             num(e.mean_frames, "%.1f") + " frames"
                       : std::string("not checkable")) +
          " | " + (e.truth_checkable ? pct(double(e.truth_obeyed) / e.truth_checkable) : std::string("–")) + " |\n";
  }
  md += "| events obeyed, all | " + pct(r.events_obeyed) + " | |\n";
  md += "| object count kept at frame " + std::to_string(r.horizons.empty() ? 0 : r.horizons.back().frame) + " | " +
        pct(r.count_kept_at_end) + " | |\n";
  md += "| PSNR gain over copy-last-frame at frame 32 | " + num(r.psnr_gain_at_32) + " dB | 0 dB |\n";
  md += "| diversity: mean difference of frame 0 between seeds | " + num(r.diversity, "%.3f") + " | |\n";
  md += "| seed pairs whose frames 0 differ visibly | " + pct(r.distinct_seed_pairs) + " | |\n";
  md += "\n| frame | count kept | sharpness (truth) | PSNR dB (copy-last) | bounces (truth) | collisions (truth) |\n"
        "|---|---|---|---|---|---|\n";
  for (const auto& h : r.horizons)
    md += "| " + std::to_string(h.frame) + " | " + pct(h.count_kept) + " | " + num(h.sharpness, "%.1f") + " (" +
          num(h.sharpness_truth, "%.1f") + ") | " +
          (h.psnr >= 0 ? num(h.psnr, "%.1f") + " (" + num(h.psnr_copy_last, "%.1f") + ")" : std::string("–")) + " | " +
          span(h.bounces) + " (" + span(h.bounces_truth) + ") | " + span(h.collisions) + " (" + span(h.collisions_truth) +
          ") |\n";
  md += "\nBounces and collisions per row: of the cases begun since the previous row's frame; – where there was none.\n"
        "Plots: orange is the model, grey the truth (sharpness, bounces, collisions) or copy-last-frame (PSNR).\n";
  return md;
}

Result<std::string> write_eval_plots(const eval::EvalReport& r, const std::string& stem) {
  std::vector<double> x, kept, sharp, sharp_truth, psnr_x, psnr, copy, bounces, bounces_truth, collisions,
      collisions_truth;
  // A span without a case gets no point (plot_series skips non-finite values).
  const auto percent = [](double rate) { return rate >= 0 ? 100.0 * rate : NAN; };
  for (const auto& h : r.horizons) {
    x.push_back(h.frame), kept.push_back(100.0 * h.count_kept);
    sharp.push_back(h.sharpness), sharp_truth.push_back(h.sharpness_truth);
    if (h.psnr >= 0) psnr_x.push_back(h.frame), psnr.push_back(h.psnr), copy.push_back(h.psnr_copy_last);
    bounces.push_back(percent(h.bounces)), bounces_truth.push_back(percent(h.bounces_truth));
    collisions.push_back(percent(h.collisions)), collisions_truth.push_back(percent(h.collisions_truth));
  }
  const struct {
    const char* name;
    std::vector<PlotSeries> series;
    double lo, hi;
  } plots[] = {{"count", {{x, kept, kModel}}, 0.0, 100.0},
               {"sharpness", {{x, sharp_truth, kReference}, {x, sharp, kModel}}, 0.0, 1.0},
               {"psnr", {{psnr_x, copy, kReference}, {psnr_x, psnr, kModel}}, 0.0, 10.0},
               {"bounces", {{x, bounces_truth, kReference}, {x, bounces, kModel}}, 0.0, 100.0},
               {"collisions", {{x, collisions_truth, kReference}, {x, collisions, kModel}}, 0.0, 100.0}};
  std::string written;
  for (const auto& p : plots) {
    const std::string path = stem + "." + p.name + ".png";
    if (Status s = media::write_png(path, *plot_series(p.series, p.lo, p.hi, 640, 320)); !s) return s.error();
    written += (written.empty() ? "" : ", ") + path;
  }
  return written;
}

}  // namespace wv::app
