namespace FacilityHub.Testing;

/// <summary>mosquitto's <c>password_file</c> and <c>acl_file</c> (as <c>fhub mqtt credentials</c> writes them); with
/// them the broker runs with <c>allow_anonymous false</c>.</summary>
public sealed record MosquittoAuth(string PasswordFile, string AclFile);
