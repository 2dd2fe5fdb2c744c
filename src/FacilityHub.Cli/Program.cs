return await FacilityHub.Cli.FhubCli.RunAsync(args, Console.Out, Console.Error);
