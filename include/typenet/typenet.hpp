#ifndef TYPENET_TYPENET_HPP
#define TYPENET_TYPENET_HPP

#include <typenet/fold_batch_norm.hpp>
#include <typenet/init.hpp>
#include <typenet/layer.hpp>
#include <typenet/layers/batch_norm.hpp>
#include <typenet/layers/conv2d.hpp>
#include <typenet/layers/dense.hpp>
#include <typenet/layers/dropout.hpp>
#include <typenet/layers/flatten.hpp>
#include <typenet/layers/gelu.hpp>
#include <typenet/layers/identity.hpp>
#include <typenet/layers/input.hpp>
#include <typenet/layers/leaky_relu.hpp>
#include <typenet/layers/options.hpp>
#include <typenet/layers/pooling.hpp>
#include <typenet/layers/relu.hpp>
#include <typenet/layers/sigmoid.hpp>
#include <typenet/layers/silu.hpp>
#include <typenet/layers/softmax.hpp>
#include <typenet/layers/tanh.hpp>
#include <typenet/matrix.hpp>
#include <typenet/mlp.hpp>
#include <typenet/parameters.hpp>
#include <typenet/sequential.hpp>
#include <typenet/shape.hpp>
#include <typenet/shape_error.hpp>
#include <typenet/tensor.hpp>
#include <typenet/vector.hpp>
#include <typenet/with_scalar.hpp>

#endif
