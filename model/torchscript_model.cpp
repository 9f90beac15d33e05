// [SECTION] reading and trusting the file
// [SECTION] info attributes
// [SECTION] method signatures
// [SECTION] the model
// [SECTION] loading and the smoke check
#include "model/torchscript_model.h"

#include <caffe2/serialize/read_adapter_interface.h>
#include <torch/csrc/jit/frontend/error_report.h>
#include <torch/script.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>

#include "model/batch_step.h"
#include "model/sha256.h"
#include "model/world_model.h"
#include "wv/log.h"

namespace wv::model {

namespace {

constexpr const char* kDoesNotCompile =
    "its TorchScript code does not compile (a damaged file, or one saved by a newer PyTorch)";

// c10::Error's what() carries a C++ backtrace; users get the message alone. ErrorReport::what()
// (a compile error) decodes the archive's debug records and, when those are damaged, throws out
// of a noexcept function, ending the process: it is never called.
std::string error_text(const std::exception& e) {
  if (dynamic_cast<const torch::jit::ErrorReport*>(&e)) return kDoesNotCompile;
  if (const auto* c10_error = dynamic_cast<const c10::Error*>(&e)) return c10_error->what_without_backtrace();
  return e.what();
}

// Methods compile on first use; the engine must never see an ErrorReport (see error_text).
c10::IValue call(torch::jit::Method& method, std::vector<c10::IValue> args) {
  try {
    return method(std::move(args));
  } catch (const torch::jit::ErrorReport&) {
    throw std::runtime_error(std::string("method '") + method.name() + "': " + kDoesNotCompile);
  }
}

// A refusal while loading: the message already names the file.
struct Refusal {
  std::string message;
};

// [SECTION] reading and trusting the file ---------------------------------------------------

Result<std::shared_ptr<const std::string>> read_model_file(const std::string& path) {
  const std::string who = "model '" + path + "': ";
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return Error{who + "no such file"};
  if (!std::filesystem::is_regular_file(status)) return Error{who + "not a regular file"};
  const uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) return Error{who + "cannot read its size: " + ec.message()};
  if (size == 0) return Error{who + "the file is empty, not a TorchScript archive"};
  if (size > kMaxTorchScriptBytes) {
    return Error{who + "the file has " + std::to_string(size) + " bytes, more than the limit of " +
                 std::to_string(kMaxTorchScriptBytes)};
  }
  std::ifstream in(path, std::ios::binary);
  auto bytes = std::make_shared<std::string>(size, '\0');
  if (!in.read(bytes->data(), std::streamsize(size))) return Error{who + "cannot read the file"};
  return std::shared_ptr<const std::string>(std::move(bytes));
}

// Lets torch::jit::load parse the bytes we hashed, not whatever the path holds by then.
class BytesReader final : public caffe2::serialize::ReadAdapterInterface {
 public:
  explicit BytesReader(std::shared_ptr<const std::string> bytes) : bytes_(std::move(bytes)) {}
  size_t size() const override { return bytes_->size(); }
  size_t read(uint64_t pos, void* buf, size_t n, const char* /*what*/) const override {
    if (pos >= bytes_->size()) return 0;
    n = std::min<size_t>(n, bytes_->size() - size_t(pos));
    std::memcpy(buf, bytes_->data() + pos, n);
    return n;
  }

 private:
  std::shared_ptr<const std::string> bytes_;
};

// [SECTION] info attributes -----------------------------------------------------------------

// Reads the contract's info attributes (docs/model-contract.md, "info"); throws Refusal.
class InfoReader {
 public:
  InfoReader(const torch::jit::Module& module, std::string who) : module_(module), who_(std::move(who)) {}

  c10::IValue get(const char* name, const char* type) const {
    if (!module_.hasattr(name)) throw Refusal{who_ + "attribute '" + name + "' is missing (expected " + type + ")"};
    return module_.attr(name);
  }

  [[noreturn]] void mistyped(const char* name, const char* type, const c10::IValue& v) const {
    throw Refusal{who_ + "attribute '" + name + "' is " + v.type()->annotation_str() + ", expected " + type};
  }

  int64_t integer(const char* name, int64_t lo, int64_t hi) const {
    c10::IValue v = get(name, "int");
    if (!v.isInt()) mistyped(name, "int", v);
    if (v.toInt() < lo || v.toInt() > hi) {
      throw Refusal{who_ + "attribute '" + name + "' is " + std::to_string(v.toInt()) + ", expected " +
                    std::to_string(lo) + ".." + std::to_string(hi)};
    }
    return v.toInt();
  }

  double number(const char* name, double lo, double hi) const {
    c10::IValue v = get(name, "float");
    if (!v.isDouble() && !v.isInt()) mistyped(name, "float", v);
    const double x = v.isDouble() ? v.toDouble() : double(v.toInt());
    if (!(x > lo && x <= hi)) {
      throw Refusal{who_ + "attribute '" + name + "' is " + std::to_string(x) + ", expected more than " +
                    std::to_string(lo) + " and at most " + std::to_string(hi)};
    }
    return x;
  }

  bool boolean(const char* name) const {
    c10::IValue v = get(name, "bool");
    if (!v.isBool()) mistyped(name, "bool", v);
    return v.toBool();
  }

  std::string text(const char* name) const {
    c10::IValue v = get(name, "str");
    if (!v.isString()) mistyped(name, "str", v);
    if (v.toStringRef().empty()) throw Refusal{who_ + "attribute '" + name + "' is empty"};
    return v.toStringRef();
  }

  // Noise shapes: 1..8 sides, each ≥ 1, at most 2^24 values per rollout (drawn every frame).
  std::vector<int64_t> shape(const char* name) const {
    c10::IValue v = get(name, "List[int]");
    if (!v.isIntList()) mistyped(name, "List[int]", v);
    std::vector<int64_t> sides = v.toIntVector();
    int64_t count = 1;
    bool ok = !sides.empty() && sides.size() <= 8;
    for (int64_t s : sides) {
      ok = ok && s >= 1 && s <= (int64_t(1) << 24);
      if (ok) count *= s;
      ok = ok && count <= (int64_t(1) << 24);
    }
    if (!ok) {
      std::string list;
      for (int64_t side : sides) list += (list.empty() ? "" : ", ") + std::to_string(side);
      throw Refusal{who_ + "attribute '" + name + "' is [" + list + "]" +
                    ", expected 1 to 8 sides, each at least 1, at most 2^24 values in all"};
    }
    return sides;
  }

 private:
  const torch::jit::Module& module_;
  std::string who_;
};

ModelInfo read_info(const torch::jit::Module& module, const std::string& who, const std::string& device) {
  InfoReader r(module, who);
  ModelInfo info;
  info.name = r.text("name");
  info.width = int32_t(r.integer("width", 1, 8192));
  info.height = int32_t(r.integer("height", 1, 8192));
  info.fps = r.number("fps", 0.0, 1000.0);
  info.context_frames = int32_t(r.integer("context_frames", 1, 1 << 16));
  info.action_dim = int32_t(r.integer("action_dim", 0, 1 << 16));
  info.supports_batching = r.boolean("supports_batching");
  info.accepts_start_image = r.boolean("accepts_start_image");
  info.init_noise_shape = r.shape("init_noise_shape");
  info.step_noise_shape = r.shape("step_noise_shape");
  info.device = device;
  return info;
}

// [SECTION] method signatures ---------------------------------------------------------------

struct Signature {
  const char* method;
  std::vector<std::pair<const char*, c10::TypePtr>> args;  // without self
  c10::TypePtr result;

  std::string text() const {
    std::string s = std::string(method) + "(";
    for (size_t k = 0; k < args.size(); ++k) {
      s += (k ? ", " : "") + std::string(args[k].first) + ": " + args[k].second->annotation_str();
    }
    return s + ") -> " + result->annotation_str();
  }
};

std::vector<Signature> contract_signatures() {
  const c10::TypePtr tensor = c10::TensorType::get();
  const c10::TypePtr tensors = c10::ListType::ofTensors();
  const c10::TypePtr output = c10::TupleType::create({tensors, tensor});
  return {
      {"encode_prompt", {{"text", c10::StringType::get()}},
       c10::TupleType::create({tensor, c10::ListType::ofStrings()})},
      {"init", {{"prompt", tensor}, {"noise", tensor}, {"start_image", c10::OptionalType::create(tensor)}}, output},
      {"step", {{"state", tensors}, {"prompt", tensor}, {"action", tensor}, {"noise", tensor}}, output},
  };
}

// The method must accept what the engine passes and return what it reads.
void check_signature(const torch::jit::Module& module, const Signature& want, const std::string& who) {
  const std::string expected = " (expected " + want.text() + ", exported with @torch.jit.export)";
  c10::optional<torch::jit::Method> method = module.find_method(want.method);
  if (!method) throw Refusal{who + "method '" + want.method + "' is missing" + expected};
  const c10::FunctionSchema& schema = method->function().getSchema();
  const std::vector<c10::Argument>& args = schema.arguments();  // args[0] is self
  if (args.size() != want.args.size() + 1) {
    throw Refusal{who + "method '" + want.method + "' takes " + std::to_string(args.size() - 1) +
                  " arguments, expected " + std::to_string(want.args.size()) + expected};
  }
  for (size_t k = 0; k < want.args.size(); ++k) {
    const c10::TypePtr& declared = args[k + 1].type();
    if (!want.args[k].second->isSubtypeOf(*declared)) {
      throw Refusal{who + "method '" + want.method + "' argument " + std::to_string(k + 1) + " ('" +
                    args[k + 1].name() + "') is " + declared->annotation_str() + ", expected " +
                    want.args[k].second->annotation_str() + expected};
    }
  }
  if (schema.returns().size() != 1 || !schema.returns()[0].type()->isSubtypeOf(*want.result)) {
    const std::string got = schema.returns().size() == 1 ? schema.returns()[0].type()->annotation_str()
                                                         : std::to_string(schema.returns().size()) + " values";
    throw Refusal{who + "method '" + want.method + "' returns " + got + ", expected " +
                  want.result->annotation_str() + expected};
  }
}

// [SECTION] the model -----------------------------------------------------------------------

ModelOutput to_output(const c10::IValue& result) {
  const auto& parts = result.toTupleRef().elements();
  return {parts[0].toTensorVector(), parts[1].toTensor()};
}

class TorchScriptModel final : public WorldModel {
 public:
  TorchScriptModel(torch::jit::Module module, ModelInfo info)
      : module_(std::move(module)),
        info_(std::move(info)),
        encode_prompt_(module_.get_method("encode_prompt")),
        init_(module_.get_method("init")),
        step_(module_.get_method("step")) {}

  const ModelInfo& info() const override { return info_; }

  EncodedPrompt encode_prompt(std::string_view text) override {
    const c10::IValue result = call(encode_prompt_, {std::string(text)});
    const auto& parts = result.toTupleRef().elements();
    EncodedPrompt p;
    p.embedding = parts[0].toTensor();
    for (const c10::IValue& word : parts[1].toListRef()) p.unknown_words.push_back(word.toStringRef());
    return p;
  }

  ModelOutput init(const InitInput& in) override {
    const c10::IValue image = in.start_image.defined() ? c10::IValue(in.start_image) : c10::IValue();
    return to_output(call(init_, {in.prompt, in.noise, image}));
  }

  ModelOutput step(const StepInput& in) override {
    // Scripts take no Optional for the action: action_dim 0 gets [B, 0].
    const at::Tensor action =
        in.action.defined() ? in.action : at::zeros({in.noise.size(0), 0}, in.noise.options());
    return to_output(call(step_, {c10::List<at::Tensor>(in.state), in.prompt, action, in.noise}));
  }

 private:
  torch::jit::Module module_;
  ModelInfo info_;
  torch::jit::Method encode_prompt_, init_, step_;
};

// [SECTION] loading and the smoke check -----------------------------------------------------

// One init and one step with B = 1, zero noise and zero actions; throws what check_model_output
// throws, or what the model throws.
void smoke_check(WorldModel& model) {
  c10::InferenceMode inference;
  const ModelInfo& info = model.info();
  const auto on_device = at::TensorOptions().device(at::Device(info.device));
  const auto batched = [](std::vector<int64_t> shape) {
    shape.insert(shape.begin(), 1);
    return shape;
  };
  EncodedPrompt prompt = model.encode_prompt("a smoke check");
  check_prompt_embedding(info, prompt.embedding);
  const at::Tensor embedding = prompt.embedding.to(on_device.device());
  ModelOutput first = model.init({embedding, at::zeros(batched(info.init_noise_shape), on_device), {}});
  check_model_output(info, first, 1, "init");
  const at::Tensor action = info.action_dim > 0 ? at::zeros({1, info.action_dim}, on_device) : at::Tensor();
  ModelOutput second =
      model.step({first.state, embedding, action, at::zeros(batched(info.step_noise_shape), on_device)});
  check_model_output(info, second, 1, "step");
}

}  // namespace

Result<std::shared_ptr<WorldModel>> load_torchscript_model(const std::string& path, const ModelTrust& trust,
                                                           const TorchScriptLoad& options) {
  const std::string who = "model '" + path + "': ";
  auto bytes = read_model_file(path);
  if (!bytes) return bytes.error();
  const std::string sha256 = sha256_hex(
      std::span(reinterpret_cast<const uint8_t*>((*bytes)->data()), (*bytes)->size()));
  if (Status trusted = check_model_trust(path, sha256, trust); !trusted) return trusted.error();

  std::optional<at::Device> device;
  try {
    device = at::Device(options.device);
  } catch (const std::exception& e) {
    return Error{who + "device '" + options.device + "' is not a device name: " + error_text(e)};
  }
  if (device->is_cuda() && !at::hasCUDA()) {
    return Error{who + "device '" + options.device + "' is not available: this LibTorch has no CUDA or sees no GPU"};
  }
  torch::jit::Module module;
  try {
    module = torch::jit::load(std::make_shared<BytesReader>(*bytes), *device);
  } catch (const std::exception& e) {
    return Error{who + "not a loadable TorchScript archive (save it with torch.jit.script(model).save(path)): " +
                 error_text(e)};
  }
  std::shared_ptr<WorldModel> model;
  try {
    module.eval();
    ModelInfo info = read_info(module, who, device->str());
    for (const Signature& s : contract_signatures()) check_signature(module, s, who);
    model = std::make_shared<TorchScriptModel>(std::move(module), std::move(info));
  } catch (const Refusal& r) {
    return Error{r.message + "; see docs/model-contract.md"};
  } catch (const std::exception& e) {
    return Error{who + "cannot read its contract: " + error_text(e)};
  }
  try {
    smoke_check(*model);
  } catch (const std::exception& e) {
    return Error{who + "failed the smoke check (one init and one step with B = 1): " + error_text(e)};
  }
  log_info("loaded model '" + model->info().name + "' from " + path + " (sha256 " + sha256 + ") on " +
           model->info().device);
  return model;
}

}  // namespace wv::model
