using Zhizao.Core.Assets;

namespace Zhizao.Storage.DuckDb.Tests;

/// <summary>Small plant models built from the Core records.</summary>
internal static class TestPlants
{
    public static Signal Signal(string id, string unit = "°C", SignalDataType type = SignalDataType.Float) =>
        new(id, unit, type, 1, type == SignalDataType.Bool ? null : new NormalRange(0, 100), new LocalizedText($"{id} sensor", $"{id} 传感器"));

    /// <summary>A site with one line and one press carrying <paramref name="signals"/>.</summary>
    public static Site Site(string id, params Signal[] signals) =>
        new(id, new LocalizedText($"Site {id}", $"{id} 厂区"), "Asia/Shanghai",
        [
            new Line("line1", new LocalizedText("Line 1", "一号线"),
            [
                new Machine("press1", new LocalizedText("Press 1", "一号压机"), "press", signals),
            ]),
        ]);

    public static PlantModel Plant(string id, params Site[] sites) =>
        new(PlantModel.CurrentSchemaVersion, id, new LocalizedText($"Plant {id}", $"{id} 工厂"), 1, sites);
}
