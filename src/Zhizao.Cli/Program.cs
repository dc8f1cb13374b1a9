using System.CommandLine;
using Zhizao.Cli.Commands;

var root = new RootCommand("Zhizao (智造): open industrial AI agent platform")
{
    UpCommand.Create(),
    PlantCommands.Create(),
    IngestCommand.Create(),
    QueryCommand.Create(),
    BenchCommand.Create(),
    ModelCommand.Create(),
    MaintenanceCommand.Create(),
    ScheduleCommand.Create(),
    RescheduleCommand.Create(),
    ForecastCommand.Create(),
    BacktestCommand.Create(),
    InventoryCommand.Create(),
    AgentsCommand.Create(),
    AuditCommand.Create(),
    KeysCommand.Create(),
    McpCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
