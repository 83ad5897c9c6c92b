using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace StreamMl.Core.Modeling;

/// <summary>Makes the tree trainers' model classes known to ML.NET before a zip is read.</summary>
internal static class ModelLoading
{
    // ML.NET finds loadable classes in assemblies it has been told about; a process that only
    // scores never touches the trainer types, so their assemblies must be named explicitly.
    public static void RegisterTrainers(MLContext context)
    {
        context.ComponentCatalog.RegisterAssembly(typeof(FastTreeBinaryModelParameters).Assembly);
        context.ComponentCatalog.RegisterAssembly(typeof(LightGbmBinaryModelParameters).Assembly);
    }
}
