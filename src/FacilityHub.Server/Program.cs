return await FacilityHub.Server.Startup.HubHost.RunAsync(args);
