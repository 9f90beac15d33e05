#include "model/batch_step.h"

#include <ATen/ops/cat.h>
#include <ATen/ops/from_blob.h>
#include <ATen/ops/zeros.h>
#include <c10/core/InferenceMode.h>

#include <exception>
#include <map>

#include "model/frame_noise.h"
#include "model/tensor_frame.h"

namespace wv::model {

namespace {

std::string shape_text(const at::Tensor& t) {
  if (!t.defined()) return "undefined";
  std::string text = "[";
  for (int64_t d = 0; d < t.dim(); ++d) text += (d ? ", " : "") + std::to_string(t.size(d));
  return text + "]";
}

// c10::Error's what() carries a C++ backtrace; users get the message alone.
std::string error_text(const std::exception& e) {
  if (const auto* c10_error = dynamic_cast<const c10::Error*>(&e)) return c10_error->what_without_backtrace();
  return e.what();
}

// Items whose tensors have equal shapes can be concatenated into one call.
std::string batch_key(const WorkItem& item, const at::Tensor& noise, const at::Tensor& action) {
  std::string key = shape_text(item.prompt) + shape_text(noise) + shape_text(action);
  for (const at::Tensor& t : item.state) key += shape_text(t);
  return key;
}

at::Tensor cat_or_single(const std::vector<at::Tensor>& parts, const at::Device& device) {
  if (!parts.front().defined()) return {};
  return (parts.size() == 1 ? parts.front() : at::cat(parts, 0)).to(device);
}

at::Tensor action_for(const ModelInfo& info, const RolloutSetup& setup, int64_t index) {
  if (info.action_dim == 0) return {};
  if (!setup.actions) return at::zeros({1, info.action_dim}, at::TensorOptions().dtype(at::kFloat));
  std::vector<float> values = setup.actions(index);
  if (int64_t(values.size()) != info.action_dim) {
    throw std::runtime_error("the action for frame " + std::to_string(index) + " has " +
                             std::to_string(values.size()) + " values; model '" + info.name + "' takes " +
                             std::to_string(info.action_dim));
  }
  return at::from_blob(values.data(), {1, info.action_dim}, at::TensorOptions().dtype(at::kFloat)).clone();
}

// One forward call for items of equal shapes; fills their results or their errors.
void call_model(WorldModel& model, const ModelInfo& info, std::vector<WorkItem*>& group,
                std::vector<at::Tensor>& noises, std::vector<at::Tensor>& actions) {
  const auto batch = int64_t(group.size());
  const bool init = group.front()->index == 0;
  const at::Device device(info.device);
  std::vector<at::Tensor> prompts;
  for (WorkItem* item : group) prompts.push_back(item->prompt);
  ModelOutput out;
  if (init) {
    InitInput in;
    in.prompt = cat_or_single(prompts, device);
    in.noise = cat_or_single(noises, device);
    std::vector<at::Tensor> images;
    for (WorkItem* item : group) images.push_back(item->rollout->setup().start_image);
    in.start_image = cat_or_single(images, device);
    out = model.init(in);
    check_model_output(info, out, batch, "init");
  } else {
    StepInput in;
    for (size_t k = 0; k < group.front()->state.size(); ++k) {
      std::vector<at::Tensor> parts;
      for (WorkItem* item : group) parts.push_back(item->state[k]);
      in.state.push_back(cat_or_single(parts, device));
    }
    in.prompt = cat_or_single(prompts, device);
    in.noise = cat_or_single(noises, device);
    in.action = cat_or_single(actions, device);
    out = model.step(in);
    check_model_output(info, out, batch, "step");
  }
  for (int64_t b = 0; b < batch; ++b) {
    WorkItem& item = *group[size_t(b)];
    for (const at::Tensor& s : out.state) {
      // A slice would keep the whole batch's memory alive as long as this state is saved.
      item.out_state.push_back(batch == 1 ? s.detach() : s.narrow(0, b, 1).clone());
    }
    if (item.emit) item.frame = to_frame(out.frame[b], item.index, double(item.index) / info.fps);
  }
}

}  // namespace

void check_model_output(const ModelInfo& info, const ModelOutput& out, int64_t batch, const char* method) {
  const std::string who = "model '" + info.name + "' " + method + "(): ";
  const at::Tensor& f = out.frame;
  if (!f.defined() || f.dim() != 4 || f.size(0) != batch || f.size(1) != 3 || f.size(2) != info.height ||
      f.size(3) != info.width) {
    throw std::runtime_error(who + "frame has shape " + shape_text(f) + ", expected [" + std::to_string(batch) +
                             ", 3, " + std::to_string(info.height) + ", " + std::to_string(info.width) + "]");
  }
  if (!f.is_floating_point()) throw std::runtime_error(who + "frame is not a float tensor");
  for (size_t k = 0; k < out.state.size(); ++k) {
    const at::Tensor& s = out.state[k];
    if (!s.defined() || s.dim() < 1 || s.size(0) != batch) {
      throw std::runtime_error(who + "state[" + std::to_string(k) + "] has shape " + shape_text(s) +
                               ", expected batch " + std::to_string(batch) + " in dim 0");
    }
  }
}

void check_prompt_embedding(const ModelInfo& info, const at::Tensor& embedding) {
  if (!embedding.defined() || embedding.dim() < 1 || embedding.size(0) != 1) {
    throw std::runtime_error("model '" + info.name + "' encode_prompt() returned an embedding of shape " +
                             shape_text(embedding) + ", expected [1, ...]");
  }
}

BatchCalls compute_items(WorldModel& model, const ModelInfo& info, std::vector<WorkItem>& items) {
  // No autograd: saved states must not drag graphs along (memory), and it is faster.
  c10::InferenceMode inference;
  // Per item: prompt, noise and action, each of which may fail that item alone.
  std::map<std::string, std::vector<WorkItem*>> groups;
  std::map<WorkItem*, std::pair<at::Tensor, at::Tensor>> inputs;  // noise, action
  for (WorkItem& item : items) {
    try {
      if (!item.prompt.defined()) {
        EncodedPrompt p = model.encode_prompt(item.prompt_text);
        check_prompt_embedding(info, p.embedding);
        item.prompt = p.embedding;
        item.encoded = EncodedText{p.embedding, std::move(p.unknown_words)};
      }
      const bool init = item.index == 0;
      at::Tensor noise =
          frame_noise(item.seed, item.index, init ? info.init_noise_shape : info.step_noise_shape);
      at::Tensor action = init ? at::Tensor() : action_for(info, item.rollout->setup(), item.index);
      groups[batch_key(item, noise, action)].push_back(&item);
      inputs[&item] = {noise, action};
    } catch (const std::exception& e) {
      item.error = "frame " + std::to_string(item.index) + ": " + error_text(e);
    }
  }
  BatchCalls calls;
  for (auto& [key, group] : groups) {
    std::vector<at::Tensor> noises, actions;
    for (WorkItem* item : group) {
      noises.push_back(inputs[item].first);
      actions.push_back(inputs[item].second);
    }
    ++calls.calls;
    if (group.size() > 1) ++calls.batched_calls;
    calls.largest = std::max(calls.largest, int64_t(group.size()));
    try {
      call_model(model, info, group, noises, actions);
    } catch (const std::exception& e) {
      for (WorkItem* item : group) {
        item->error = "model '" + info.name + "' failed at frame " + std::to_string(item->index) + ": " + error_text(e);
        item->out_state.clear();
      }
    }
  }
  return calls;
}

}  // namespace wv::model
