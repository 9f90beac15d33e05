#include "renderer/pipelines.h"

#include "renderer/context.h"
#include "renderer/vk_check.h"
#include "shaders/embedded.h"

namespace wv::renderer {
namespace {

enum Module { kEnvironmentVert, kEnvironmentFrag, kPanelVert, kPanelFrag, kPanelHoleFrag, kRayVert, kRayFrag, kModuleCount };

struct PipelineDesc {
  VkPipelineLayout layout;
  VkShaderModule vert;
  VkShaderModule frag;
  bool blend;
  bool depth_write;
  VkCompareOp depth_compare;
  bool hole = false;  // erase instead of paint (panel_hole.frag), front faces only
};

}  // namespace

Status Pipelines::init(VkFormat depth_format) {
  depth_format_ = depth_format;
  VkDevice device = ctx_.device();

  VkSamplerCreateInfo sampler{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
  sampler.magFilter = VK_FILTER_LINEAR;
  sampler.minFilter = VK_FILTER_LINEAR;
  sampler.mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST;
  sampler.addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  sampler.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  sampler.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  WV_VK_TRY(vkCreateSampler(device, &sampler, nullptr, &sampler_));

  VkDescriptorSetLayoutBinding binding{};
  binding.binding = 0;
  binding.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  binding.descriptorCount = 1;
  binding.stageFlags = VK_SHADER_STAGE_FRAGMENT_BIT;
  binding.pImmutableSamplers = &sampler_;
  VkDescriptorSetLayoutCreateInfo set_layout{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  set_layout.bindingCount = 1;
  set_layout.pBindings = &binding;
  WV_VK_TRY(vkCreateDescriptorSetLayout(device, &set_layout, nullptr, &texture_set_layout_));

  VkPushConstantRange panel_range{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(PanelPush)};
  VkPipelineLayoutCreateInfo panel{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  panel.setLayoutCount = 1;
  panel.pSetLayouts = &texture_set_layout_;
  panel.pushConstantRangeCount = 1;
  panel.pPushConstantRanges = &panel_range;
  WV_VK_TRY(vkCreatePipelineLayout(device, &panel, nullptr, &panel_layout_));

  VkPushConstantRange env_range{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(EnvironmentPush)};
  VkPipelineLayoutCreateInfo env{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  env.pushConstantRangeCount = 1;
  env.pPushConstantRanges = &env_range;
  WV_VK_TRY(vkCreatePipelineLayout(device, &env, nullptr, &environment_layout_));

  VkPushConstantRange ray_range{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(RayPush)};
  VkPipelineLayoutCreateInfo ray{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  ray.pushConstantRangeCount = 1;
  ray.pPushConstantRanges = &ray_range;
  WV_VK_TRY(vkCreatePipelineLayout(device, &ray, nullptr, &ray_layout_));

  const shaders::Spirv* code[kModuleCount] = {&shaders::environment_vert, &shaders::environment_frag,
                                              &shaders::panel_vert, &shaders::panel_frag, &shaders::panel_hole_frag,
                                              &shaders::ray_vert, &shaders::ray_frag};
  for (int i = 0; i < kModuleCount; ++i) {
    VkShaderModuleCreateInfo info{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
    info.codeSize = code[i]->size_bytes;
    info.pCode = code[i]->words;
    WV_VK_TRY(vkCreateShaderModule(device, &info, nullptr, &modules_[i]));
  }
  return Status::success();
}

Result<const PipelineSet*> Pipelines::get(VkFormat color_format, VkSampleCountFlagBits samples) {
  for (const PipelineSet& set : sets_)
    if (set.color_format == color_format && set.samples == samples) return &set;
  sets_.push_back(PipelineSet{color_format, samples});
  if (Status s = build(sets_.back()); !s) return s.error();  // a half-built set is freed in ~Pipelines
  return &sets_.back();
}

Status Pipelines::build(PipelineSet& set) {
  const PipelineDesc descs[5] = {
      {environment_layout_, modules_[kEnvironmentVert], modules_[kEnvironmentFrag], false, true, VK_COMPARE_OP_ALWAYS},
      {panel_layout_, modules_[kPanelVert], modules_[kPanelFrag], true, true, VK_COMPARE_OP_LESS},
      {panel_layout_, modules_[kPanelVert], modules_[kPanelFrag], true, false, VK_COMPARE_OP_LESS},
      {panel_layout_, modules_[kPanelVert], modules_[kPanelHoleFrag], true, true, VK_COMPARE_OP_LESS, true},
      {ray_layout_, modules_[kRayVert], modules_[kRayFrag], true, false, VK_COMPARE_OP_LESS},
  };
  VkPipeline* outputs[5] = {&set.environment, &set.panel_opaque, &set.panel_translucent, &set.panel_hole, &set.ray};

  for (int i = 0; i < 5; ++i) {
    const PipelineDesc& d = descs[i];
    VkPipelineShaderStageCreateInfo stages[2] = {};
    stages[0] = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0, VK_SHADER_STAGE_VERTEX_BIT, d.vert, "main", nullptr};
    stages[1] = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0, VK_SHADER_STAGE_FRAGMENT_BIT, d.frag, "main", nullptr};
    VkPipelineVertexInputStateCreateInfo vertex_input{VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
    VkPipelineInputAssemblyStateCreateInfo assembly{VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
    assembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
    VkPipelineViewportStateCreateInfo viewport{VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
    viewport.viewportCount = 1;
    viewport.scissorCount = 1;
    VkPipelineRasterizationStateCreateInfo raster{VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
    raster.polygonMode = VK_POLYGON_MODE_FILL;
    // Panels show a dark back face; a hole has none, like the quad layer it makes room for.
    raster.cullMode = d.hole ? VK_CULL_MODE_BACK_BIT : VK_CULL_MODE_NONE;
    // Panels are counter-clockwise seen from their front (checked by the placeholder test).
    raster.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
    raster.lineWidth = 1.0f;
    VkPipelineMultisampleStateCreateInfo multisample{VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
    multisample.rasterizationSamples = set.samples;
    VkPipelineDepthStencilStateCreateInfo depth{VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};
    depth.depthTestEnable = VK_TRUE;
    depth.depthWriteEnable = d.depth_write ? VK_TRUE : VK_FALSE;
    depth.depthCompareOp = d.depth_compare;
    VkPipelineColorBlendAttachmentState blend_attachment{};
    blend_attachment.blendEnable = d.blend ? VK_TRUE : VK_FALSE;
    // Straight alpha, blended in linear light (the attachment is sRGB).
    blend_attachment.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
    blend_attachment.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    blend_attachment.colorBlendOp = VK_BLEND_OP_ADD;
    blend_attachment.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
    blend_attachment.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    blend_attachment.alphaBlendOp = VK_BLEND_OP_ADD;
    if (d.hole) {
      // Erase by the edge coverage c (the shader's alpha): color and alpha both become
      // dst * (1 - c), which keeps the image premultiplied for the compositor.
      blend_attachment.srcColorBlendFactor = VK_BLEND_FACTOR_ZERO;
      blend_attachment.srcAlphaBlendFactor = VK_BLEND_FACTOR_ZERO;
    }
    blend_attachment.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                                      VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
    VkPipelineColorBlendStateCreateInfo blend{VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
    blend.attachmentCount = 1;
    blend.pAttachments = &blend_attachment;
    const VkDynamicState dynamic_states[] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
    VkPipelineDynamicStateCreateInfo dynamic{VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO};
    dynamic.dynamicStateCount = 2;
    dynamic.pDynamicStates = dynamic_states;
    VkPipelineRenderingCreateInfo rendering{VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO};
    rendering.colorAttachmentCount = 1;
    rendering.pColorAttachmentFormats = &set.color_format;
    rendering.depthAttachmentFormat = depth_format_;

    VkGraphicsPipelineCreateInfo info{VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO};
    info.pNext = &rendering;
    info.stageCount = 2;
    info.pStages = stages;
    info.pVertexInputState = &vertex_input;
    info.pInputAssemblyState = &assembly;
    info.pViewportState = &viewport;
    info.pRasterizationState = &raster;
    info.pMultisampleState = &multisample;
    info.pDepthStencilState = &depth;
    info.pColorBlendState = &blend;
    info.pDynamicState = &dynamic;
    info.layout = d.layout;
    WV_VK_TRY(vkCreateGraphicsPipelines(ctx_.device(), VK_NULL_HANDLE, 1, &info, nullptr, outputs[i]));
  }
  return Status::success();
}

Pipelines::~Pipelines() {
  VkDevice device = ctx_.device();
  for (auto set = sets_.rbegin(); set != sets_.rend(); ++set) {
    vkDestroyPipeline(device, set->ray, nullptr);
    vkDestroyPipeline(device, set->panel_hole, nullptr);
    vkDestroyPipeline(device, set->panel_translucent, nullptr);
    vkDestroyPipeline(device, set->panel_opaque, nullptr);
    vkDestroyPipeline(device, set->environment, nullptr);
  }
  for (int i = kModuleCount - 1; i >= 0; --i) vkDestroyShaderModule(device, modules_[i], nullptr);
  vkDestroyPipelineLayout(device, ray_layout_, nullptr);
  vkDestroyPipelineLayout(device, environment_layout_, nullptr);
  vkDestroyPipelineLayout(device, panel_layout_, nullptr);
  vkDestroyDescriptorSetLayout(device, texture_set_layout_, nullptr);
  vkDestroySampler(device, sampler_, nullptr);
}

}  // namespace wv::renderer
