// app/eval_report.h — an evaluation report as files people and programs read: JSON (every
// figure), Markdown (the table the model card quotes) and PNG plots against rollout horizon.
#pragma once

#include <string>

#include "model/eval/evaluate.h"
#include "wv/result.h"

namespace wv::app {

std::string eval_report_json(const eval::EvalReport& report);
std::string eval_report_markdown(const eval::EvalReport& report);
// Writes <stem>.count.png, <stem>.sharpness.png and <stem>.psnr.png; returns what it wrote.
Result<std::string> write_eval_plots(const eval::EvalReport& report, const std::string& stem);

}  // namespace wv::app
