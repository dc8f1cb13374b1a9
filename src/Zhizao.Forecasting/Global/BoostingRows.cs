using Microsoft.ML;
using Microsoft.ML.Data;

namespace Zhizao.Forecasting.Global;

/// <summary>One row of the global model's data: features and, for training, the scaled target.</summary>
internal sealed class BoostingRows
{
    public const string ScoreColumn = "Score";

    public float Label { get; set; }

    public float[] Features { get; set; } = [];

    /// <summary>Rows as an ML.NET data view with a fixed-size feature vector.</summary>
    public static IDataView Load(MLContext ml, IEnumerable<BoostingRows> rows, int featureCount, bool withLabel)
    {
        var schema = SchemaDefinition.Create(typeof(BoostingRows));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        if (!withLabel)
        {
            schema.Remove(schema[nameof(Label)]);
        }

        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>Scores feature rows with a trained model, in order.</summary>
    public static float[] Score(MLContext ml, ITransformer model, IEnumerable<float[]> features, int featureCount) =>
        [.. model.Transform(Load(ml, features.Select(f => new BoostingRows { Features = f }), featureCount, withLabel: false)).GetColumn<float>(ScoreColumn)];
}
