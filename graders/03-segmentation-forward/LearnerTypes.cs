using ExerciseKit.Grading.Boundary;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationForward;

/// <summary>
/// The probe <c>Subject/NetUnderTest.cs</c>: the learner's <c>SegmentationNet</c> in the subject process, with what
/// the graders need done beside it (hooks, gradients, training steps). Its answers are the subject's observations.
/// </summary>
[LearnerType("ExerciseKit.Subjects.SegmentationForward.NetUnderTest, SegmentationForward.Subject")]
public interface INetUnderTest : IDisposable
{
    void Load(Dictionary<string, Tensor> state);

    Tensor Forward(Tensor x);

    void Eval();

    void Train();

    bool AnyInTraining { get; }

    int ParameterCount { get; }

    Dictionary<string, Tensor> Buffers();

    GradientReport Backward(Tensor x);

    List<string> Trace(Tensor x);

    Recording Record(Tensor x);

    Tensor InputGradient(Tensor x, int classIndex, int row, int column);

    float TrainStep(Tensor images, Tensor masks, double learningRate);

    int UseThreads(int threads);
}

/// <summary>Parameters before and after one forward, and those no gradient reached after a backward pass.</summary>
public sealed record GradientReport(int ParametersBefore, int ParametersAfter, List<string> WithoutGradient);

/// <summary>Each block's inputs during one forward, one per call, and what forward returned.</summary>
public sealed record Recording(Dictionary<string, List<Tensor>> Inputs, Tensor Output);
